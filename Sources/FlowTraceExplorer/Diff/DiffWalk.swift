/// The state of one diff: a depth-first walk over paired nodes with an explicit stack.
struct DiffWalk {
  let a: DiffSide
  let b: DiffSide
  let options: DiffOptions
  var entries: [DiffReport.Entry] = []
  var first: Int?
  var firstPath: [Int] = []
  var identicalCalls = 0

  /// A pair of nodes being compared: its children's alignment is `ops[next..<end]`.
  struct Frame {
    var a: Int
    var b: Int
    var depth: Int
    /// Where this pair's steps start in `ops` (dropped when the pair is done).
    var start: Int
    var next: Int
    var end: Int
    /// Where this pair's lines start in `entries` (a pending folded stretch first).
    var mark: Int
    /// This pair's own entry, -1 for the top level.
    var entry: Int
    /// Identical calls since the last difference among the children.
    var run = 0
    /// Calls in the subtree compared so far (this one included).
    var calls: Int
    var differs: Bool
  }

  var stack: [Frame] = []
  var ops: [AlignOp] = []
  var aligner = ChildAligner()

  init(a: DiffSide, b: DiffSide, options: DiffOptions) {
    self.a = a
    self.b = b
    self.options = options
  }

  mutating func run() {
    ops = RootMatcher.match(a, b)
    stack.append(
      Frame(
        a: -1, b: -1, depth: -1, start: 0, next: 0, end: ops.count, mark: 0, entry: -1, calls: 0,
        differs: false))
    while !stack.isEmpty {
      let top = stack.count - 1
      if stack[top].next < stack[top].end {
        let op = ops[stack[top].next]
        stack[top].next += 1
        step(op, top)
      } else {
        finish()
      }
    }
  }

  /// Appends the folded stretch pending in frame `top`, if any.
  mutating func flushRun(_ top: Int) {
    let run = stack[top].run
    guard run > 0 else { return }
    entries.append(
      DiffReport.Entry(
        kind: .same, depth: stack[top].depth + 1, a: nil, b: nil, changes: [], calls: run))
  }

  /// A call only in A (`removed`) or only in B (`added`): ends the run of alike calls.
  private mutating func oneSided(
    _ kind: DiffReport.Kind, a: Int?, b: Int?, calls: Int, depth: Int, _ top: Int
  ) {
    flushRun(top)
    noteFirst(entries.count)
    entries.append(
      DiffReport.Entry(kind: kind, depth: depth, a: a, b: b, changes: [], calls: calls))
    stack[top].run = 0
    stack[top].differs = true
  }

  mutating func step(_ op: AlignOp, _ top: Int) {
    let depth = stack[top].depth + 1
    switch op {
    case .removed(let i):
      oneSided(.removed, a: i, b: nil, calls: a.callCount(i), depth: depth, top)
    case .added(let j):
      oneSided(.added, a: nil, b: j, calls: b.callCount(j), depth: depth, top)
    case .match(let i, let j), .pair(let i, let j):
      let mark = entries.count
      flushRun(top)
      var changes = a.changes(i, b, j, options: options)
      if case .pair = op, !changes.contains(.args) {
        // Keys differ though the values compare equal (masked values): still a change.
        changes.insert(.args)
      }
      let entry = entries.count
      entries.append(
        DiffReport.Entry(
          kind: changes.isEmpty ? .context : .changed, depth: depth, a: i, b: j,
          changes: changes, calls: 0))
      if changes.contains(.args) { noteFirst(entry) }
      let start = ops.count
      aligner.align(a, i, b, j, into: &ops)
      let isCall = a.tree.kind(of: i) == .call
      stack.append(
        Frame(
          a: i, b: j, depth: depth, start: start, next: start, end: ops.count, mark: mark,
          entry: entry,
          calls: isCall ? a.weight(i) : 0, differs: !changes.isEmpty))
    }
  }

  /// Ends the frame on top: an identical pair folds into its parent's stretch.
  mutating func finish() {
    let frame = stack.removeLast()
    ops.removeLast(ops.count - frame.start)
    guard !stack.isEmpty else {
      if frame.differs && frame.run > 0 {
        entries.append(
          DiffReport.Entry(kind: .same, depth: 0, a: nil, b: nil, changes: [], calls: frame.run))
      }
      identicalCalls = entries.reduce(frame.differs ? 0 : frame.run) {
        $0 + ($1.kind == .same ? $1.calls : 0)
      }
      return
    }
    let parent = stack.count - 1
    let exitChanges = entries[frame.entry].changes.subtracting(.args)
    if !exitChanges.isEmpty { noteFirst(frame.entry) }
    if frame.differs {
      if frame.run > 0 {
        entries.append(
          DiffReport.Entry(
            kind: .same, depth: frame.depth + 1, a: nil, b: nil, changes: [], calls: frame.run))
      }
      stack[parent].differs = true
      stack[parent].run = 0
    } else {
      entries.removeLast(entries.count - frame.mark)
      stack[parent].run += frame.calls
    }
    stack[parent].calls += frame.calls
  }

  /// Records the first difference (in execution order) and the entries of its ancestors.
  mutating func noteFirst(_ entry: Int) {
    guard first == nil else { return }
    first = entry
    firstPath = stack.dropFirst().map(\.entry).filter { $0 != entry }
  }
}
