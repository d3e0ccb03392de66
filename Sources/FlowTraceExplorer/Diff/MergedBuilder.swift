import FlowTraceWire

/// Writes the merged tree of a diff as trace events into a new `CallTree`, depth first: a
/// pair is copied from A, a node only in one trace with its whole subtree from that trace.
struct MergedBuilder {
  let a: DiffSide
  let b: DiffSide
  let options: DiffOptions
  var tree = CallTree()
  var marks: [DiffMark] = []
  var changes: [DiffChanges] = []
  var nodesA: [UInt32] = []
  var nodesB: [UInt32] = []
  var aligner = ChildAligner()
  /// Merged site ids per (side, site index).
  var sitesA: [UInt32: UInt32] = [:]
  var sitesB: [UInt32: UInt32] = [:]
  /// A's calls built without their descendants (pruned trees): node → calls stood for, and
  /// the merged nodes they became.
  var weightsA: [Int: Int] = [:]
  var folded: [Int: Int] = [:]
  var nextCall: UInt64 = 1
  var nextThread: UInt32 = 0

  /// One node to write: from A, from B or both; its merged parent call id and thread.
  struct Item {
    var a: Int?
    var b: Int?
    var pair: Bool
    var parent: UInt64?
    var thread: UInt32
    /// The end to write once the subtree is done (0 for the start).
    var closing: UInt64 = 0
  }

  init(_ a: CallTree, _ b: CallTree, options: DiffOptions) {
    var names: [String: UInt32] = [:]
    self.a = DiffSide(a, names: &names, options: options)
    self.b = DiffSide(b, names: &names, options: options)
    self.options = options
  }

  mutating func run() {
    var stack: [Item] = []
    for op in RootMatcher.match(a, b).reversed() { stack.append(item(op, parent: nil, thread: 0)) }
    var ops: [AlignOp] = []
    while let item = stack.popLast() {
      if item.closing != 0 {
        close(item)
        continue
      }
      let (side, node) = item.a.map { (a, $0) } ?? (b, item.b ?? 0)
      let written = write(item, from: side, node: node)
      guard let thread = written.thread else { continue }
      var closing = item
      closing.closing = written.call ?? .max
      stack.append(closing)
      ops.removeAll(keepingCapacity: true)
      if item.pair, let i = item.a, let j = item.b {
        aligner.align(a, i, b, j, into: &ops)
      } else {
        var children: [UInt32] = []
        side.children(of: node, into: &children)
        for child in children {
          ops.append(item.a != nil ? .removed(Int(child)) : .added(Int(child)))
        }
      }
      for op in ops.reversed() { stack.append(self.item(op, parent: written.call, thread: thread)) }
    }
    tree.finish()
  }

  func item(_ op: AlignOp, parent: UInt64?, thread: UInt32) -> Item {
    switch op {
    case .match(let i, let j), .pair(let i, let j):
      return Item(a: i, b: j, pair: true, parent: parent, thread: thread)
    case .removed(let i): return Item(a: i, b: nil, pair: false, parent: parent, thread: thread)
    case .added(let j): return Item(a: nil, b: j, pair: false, parent: parent, thread: thread)
    }
  }

  /// Appends the node's start; returns the merged call id (calls) and the thread its
  /// children go to (nil: no children to visit, as for loss markers).
  mutating func write(_ item: Item, from side: DiffSide, node: Int) -> (
    call: UInt64?, thread: UInt32?
  ) {
    let source = side.tree
    var mark: DiffMark = item.pair ? .same : (item.a != nil ? .removed : .added)
    var changed: DiffChanges = []
    if item.pair, let i = item.a, let j = item.b {
      changed = a.changes(i, b, j, options: options)
      if !changed.isEmpty { mark = .changed }
    }
    let before = tree.count
    var result: (UInt64?, UInt32?) = (nil, nil)
    switch source.kind(of: node) {
    case .thread, .program:
      nextThread += 1
      tree.append(.thread(ThreadInfo(id: nextThread, name: RootMatcher.threadName(side, node))))
      result = (nil, nextThread)
    case .loss:
      tree.append(
        .loss(
          Loss(
            count: source.lossCount(of: node), thread: item.thread == 0 ? nil : item.thread,
            parent: item.parent)))
    case .call:
      let id = nextCall
      nextCall += 1
      var flags: CollectFlags = []
      if source.flags[node].argsCollected { flags.insert(.args) }
      if source.flags[node].resultCollected { flags.insert(.result) }
      let start = source.start(of: node)
      if start != nil { flags.insert(.timing) }
      tree.append(
        .call(
          CallStart(
            id: id, parent: item.parent, site: site(side, node, fromA: item.a != nil),
            thread: item.thread, task: source.taskID(of: node), flags: flags, timestamp: start,
            args: source.arguments(of: node))))
      result = (id, item.thread)
      if !weightsA.isEmpty, let i = item.a, let weight = weightsA[i] { folded[before] = weight }
    }
    for _ in before..<tree.count {
      marks.append(mark)
      changes.append(changed)
      nodesA.append(item.a.map(UInt32.init) ?? CallTree.none)
      nodesB.append(item.b.map(UInt32.init) ?? CallTree.none)
    }
    return result
  }

  /// Ends a call: its error and return, from the side it was copied from.
  mutating func close(_ item: Item) {
    guard item.closing != .max else { return }
    let (source, node) = item.a.map { (a.tree, $0) } ?? (b.tree, item.b ?? 0)
    if let error = source.error(of: node) {
      tree.append(
        .error(
          CallError(
            id: item.closing, type: error.type, description: error.description,
            disposition: error.disposition)))
    }
    guard source.state(of: node) != .unfinished && source.state(of: node) != .running else {
      return
    }
    let end = source.start(of: node).flatMap { s in source.duration(of: node).map { s + $0 } }
    tree.append(.return(CallEnd(id: item.closing, timestamp: end, result: source.result(of: node))))
  }

  /// The merged site of a call's site (defined on first use).
  mutating func site(_ side: DiffSide, _ node: Int, fromA: Bool) -> UInt32 {
    let index = side.tree.refs[node]
    if let known = fromA ? sitesA[index] : sitesB[index] { return known }
    let id = UInt32(sitesA.count + sitesB.count + 1)
    let record = side.tree.siteTable[Int(index)]
    tree.append(
      .callSite(
        CallSite(
          id: id, qualifiedName: record.name, labels: record.labels, file: record.file,
          line: record.line)))
    if fromA { sitesA[index] = id } else { sitesB[index] = id }
    return id
  }
}
