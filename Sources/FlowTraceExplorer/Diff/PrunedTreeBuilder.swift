import FlowTraceWire

/// Pass 2 of the streaming diff: builds a call tree from a binary trace, leaving out the
/// descendants of the calls a `CollapsePlan` names (the call itself is built with its
/// arguments, result and error, and weighted with its subtree's call count). Calls are
/// numbered per thread and task as `TraceDigest` numbered them.
struct PrunedTreeBuilder: TraceVisitor {
  var tree = CallTree()
  /// Node → calls in the subtree it stands for (only the pruned calls).
  var weights: [Int: Int] = [:]

  struct Space {
    var plan: [(ordinal: Int, size: Int)]
    var cursor = 0
    var next = 0
    /// Calls with an ordinal below this are inside a pruned subtree.
    var skipEnd = 0
    /// The ordinal of that subtree's call.
    var skipRoot = -1
    /// Open calls left out, innermost last.
    var skipped: [UInt64] = []
  }

  private var spaces: [Space] = []
  private let spaceIndex: [TraceDigest.SpaceKey: Int]
  private var last = -1
  private var cached: (thread: UInt32, task: UInt64, space: Int)?
  /// Spaces with open calls left out.
  private var skipping = 0

  init(plan: [[(ordinal: Int, size: Int)]], digest: TraceDigest) {
    spaceIndex = digest.spaceIndex
    spaces = plan.map { Space(plan: $0) }
  }

  mutating func visitHeader(_ header: TraceHeader) { tree.visitHeader(header) }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    tree.visitCallSite(id: id, name: name, labels: labels, file: file, line: line)
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) { tree.visitThread(id: id, name: name) }

  mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {
    tree.visitTask(id: id, parent: parent, name: name)
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    if cached == nil || cached!.thread != thread || cached!.task != task {
      cached = (thread, task, spaceIndex[.init(thread: thread, task: task)] ?? -1)
    }
    let s = cached!.space
    last = s
    guard s >= 0 else {
      return tree.visitCall(
        id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
        timestamp: timestamp, args: args)
    }
    let ordinal = spaces[s].next
    spaces[s].next += 1
    if ordinal < spaces[s].skipEnd {
      if spaces[s].skipped.isEmpty { skipping += 1 }
      spaces[s].skipped.append(id)
      return
    }
    tree.visitCall(
      id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
      timestamp: timestamp, args: args)
    let cursor = spaces[s].cursor
    if cursor < spaces[s].plan.count && spaces[s].plan[cursor].ordinal == ordinal {
      let size = spaces[s].plan[cursor].size
      spaces[s].cursor += 1
      spaces[s].skipEnd = ordinal + size
      spaces[s].skipRoot = ordinal
      weights[tree.count - 1] = size
    }
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if skipping > 0, let s = skippedSpace(top: id) {
      spaces[s].skipped.removeLast()
      if spaces[s].skipped.isEmpty { skipping -= 1 }
      return
    }
    tree.visitReturn(id: id, timestamp: timestamp, result: result)
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    if skipping > 0 && spaces.contains(where: { $0.skipped.contains(id) }) { return }
    tree.visitError(id: id, type: type, description: description, disposition: disposition)
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    tree.visitLoss(count: count, thread: thread, parent: parent)
  }

  mutating func visitEnd() { tree.visitEnd() }

  /// Whether the chunk a checkpoint ends lies inside the pruned subtree being skipped.
  func canSkip(_ point: Checkpoint) -> Bool {
    guard point.space >= 0 && point.space < spaces.count else { return false }
    let space = spaces[point.space]
    guard space.next < space.skipEnd,
      let index = point.startStack.lastIndex(of: space.skipRoot)
    else { return false }
    return index < point.minDepth
  }

  /// Jumps over such a chunk: its calls and returns are all left out.
  mutating func skip(_ point: Checkpoint) {
    let s = point.space
    guard let index = point.startStack.lastIndex(of: spaces[s].skipRoot) else { return }
    let wasSkipping = !spaces[s].skipped.isEmpty
    spaces[s].next = point.next
    spaces[s].skipped = Array(point.openIDs[(index + 1)...])
    let isSkipping = !spaces[s].skipped.isEmpty
    if wasSkipping != isSkipping { skipping += isSkipping ? 1 : -1 }
  }

  /// The space whose innermost left-out call is `id`.
  private func skippedSpace(top id: UInt64) -> Int? {
    if last >= 0 && last < spaces.count && spaces[last].skipped.last == id { return last }
    return spaces.indices.first { spaces[$0].skipped.last == id }
  }
}
