import FlowTraceWire

/// Prints `TraceEvent`s as the FlowTrace tree text, streaming, in linear time.
///
/// A root whose events arrive in call order (one thread, no concurrency) is printed as its
/// events arrive. Anything else (a second thread's root, concurrent children of one call) is
/// buffered as a tree and printed when its root ends, so every root's tree stays contiguous.
public struct TreeTextPrinter {
  struct Node {
    var call: CallStart
    var depth: Int
    var parent: Int32
    var children: [Int32] = []
    var entryPrinted = false
    var ended = false
    var end: CallEnd?
    var caught: CallError?
    var propagated: CallError?
    var onPath = false
  }

  let options: TreeTextOptions
  let format: TreeTextFormat
  /// Call sites by id (dense ids in an array, others in a dictionary).
  var siteTexts: [SiteText?] = []
  var otherSiteTexts: [UInt32: SiteText] = [:]
  var nodes: [Node] = []
  var freeNodes: [Int32] = []
  var open: [UInt64: Int32] = [:]
  /// The root being printed, and the path of its printed, still open calls.
  var current: Int32?
  var path: [Int32] = []
  /// True while the current root's events arrive in call order.
  var direct = false
  /// Open roots waiting for the current root, in order of their start.
  var openRoots: [Int32] = []
  /// Ended roots waiting for the current root.
  var waiting: [Int32] = []
  var pendingLoss: UInt64 = 0
  /// Finished lines not yet written and the line being built (flushed in large pieces).
  var line: [UInt8] = []

  /// Creates a printer.
  public init(options: TreeTextOptions = TreeTextOptions()) {
    self.options = options
    self.format = TreeTextFormat(color: options.color)
  }

  /// Renders a whole event sequence as text.
  public static func render(
    _ events: some Sequence<TraceEvent>, options: TreeTextOptions = TreeTextOptions()
  ) -> String {
    var printer = TreeTextPrinter(options: options)
    var out = ""
    for event in events { printer.consume(event, to: &out) }
    printer.finish(to: &out)
    return out
  }

  /// Consumes one event; the lines it completes are written in pieces (see `flush`).
  public mutating func consume(_ event: TraceEvent, to out: inout some TextOutputStream) {
    switch event {
    case .callSite(let site):
      let index = Int(site.id)
      let text = SiteText(site, format: format)
      if index < 1 << 20 {
        if index >= siteTexts.count {
          siteTexts += repeatElement(nil, count: index + 1 - siteTexts.count)
        }
        siteTexts[index] = text
      } else {
        otherSiteTexts[site.id] = text
      }
    case .call(let start): called(start, to: &out)
    case .error(let error): errored(error, to: &out)
    case .return(let end): returned(end, to: &out)
    case .loss(let loss): lost(loss, to: &out)
    case .thread, .task, .end: break
    }
  }

  /// Writes everything still buffered: open calls print their entry lines only.
  public mutating func finish(to out: inout some TextOutputStream) {
    // Ending the current root promotes the next open root: each prints in turn.
    while current != nil { finishCurrent(to: &out) }
    for root in waiting { printSubtree(root, to: &out) }
    waiting = []
    for root in openRoots { printSubtree(root, to: &out) }
    openRoots = []
    flushLoss(depth: 0, to: &out)
    flush(to: &out)
  }

  /// Writes the finished lines held back so far (lines are written in pieces of about
  /// 64 KB; `finish` and `flush` write the rest).
  public mutating func flush(to out: inout some TextOutputStream) {
    guard !line.isEmpty else { return }
    out.write(String(decoding: line, as: UTF8.self))
    line.removeAll(keepingCapacity: true)
  }

  /// Ends the line being built (lines are built in place after the ones already queued).
  mutating func endLine(to out: inout some TextOutputStream) {
    line.append(0x0A)
    if line.count >= 1 << 16 { flush(to: &out) }
  }

  func visible(_ depth: Int) -> Bool {
    guard let maxDepth = options.maxDepth else { return true }
    return depth < maxDepth
  }

  mutating func makeNode(_ start: CallStart, depth: Int, parent: Int32) -> Int32 {
    let node = Node(call: start, depth: depth, parent: parent)
    if let reused = freeNodes.popLast() {
      nodes[Int(reused)] = node
      return reused
    }
    nodes.append(node)
    return Int32(nodes.count - 1)
  }

  /// The node of an open call: the printed path (no dictionary while streaming), else `open`.
  @inline(__always)
  func lookup(_ id: UInt64) -> Int32? {
    if let top = path.last, nodes[Int(top)].call.id == id { return top }
    if let node = open[id] { return node }
    return path.last { nodes[Int($0)].call.id == id }
  }

  mutating func called(_ start: CallStart, to out: inout some TextOutputStream) {
    if let parentID = start.parent, let parent = lookup(parentID) {
      let depth = nodes[Int(parent)].depth + 1
      let node = makeNode(start, depth: depth, parent: parent)
      if direct, path.last == parent {
        if visible(depth) { printEntry(parent, to: &out) }
        nodes[Int(node)].onPath = true
        path.append(node)
      } else {
        open[start.id] = node
        if nodes[Int(parent)].onPath { direct = false }
        nodes[Int(parent)].children.append(node)
      }
      return
    }
    let node = makeNode(start, depth: 0, parent: -1)
    if options.streaming, current == nil, openRoots.isEmpty {
      current = node
      direct = true
      nodes[Int(node)].onPath = true
      path = [node]
    } else {
      open[start.id] = node
      openRoots.append(node)
    }
  }

  mutating func errored(_ error: CallError, to out: inout some TextOutputStream) {
    guard let node = lookup(error.id) else { return }
    if error.disposition == .propagated {
      nodes[Int(node)].propagated = error
      return
    }
    if direct, path.last == node {
      let depth = nodes[Int(node)].depth
      if visible(depth + 1) {
        printEntry(node, to: &out)
        printCaught(node, error, depth: depth + 1, to: &out)
        return
      }
    } else if nodes[Int(node)].onPath {
      direct = false
    }
    nodes[Int(node)].caught = error
  }

  mutating func returned(_ end: CallEnd, to out: inout some TextOutputStream) {
    let node: Int32
    if let top = path.last, nodes[Int(top)].call.id == end.id {
      node = top
    } else if let found = open.removeValue(forKey: end.id) {
      node = found
    } else if let found = path.last(where: { nodes[Int($0)].call.id == end.id }) {
      node = found
    } else {
      return
    }
    guard !nodes[Int(node)].ended else { return }
    nodes[Int(node)].end = end
    nodes[Int(node)].ended = true
    if direct, path.last == node {
      if visible(nodes[Int(node)].depth) { printExit(node, to: &out) }
      path.removeLast()
      release(node)
      if path.isEmpty { rootEnded(to: &out) }
      return
    }
    if nodes[Int(node)].onPath { direct = false }
    guard nodes[Int(node)].parent < 0 else { return }
    if node == current {
      finishCurrent(to: &out)
    } else if let position = openRoots.firstIndex(of: node) {
      openRoots.remove(at: position)
      if current == nil {
        printSubtree(node, to: &out)
      } else {
        waiting.append(node)
      }
    }
  }

  mutating func lost(_ loss: Loss, to out: inout some TextOutputStream) {
    pendingLoss += loss.count
    if current == nil || direct {
      flushLoss(depth: path.count, to: &out)
    }
  }

  mutating func flushLoss(depth: Int, to out: inout some TextOutputStream) {
    guard pendingLoss > 0 else { return }
    format.indent(depth, to: &line)
    format.arrow("⋯", error: true, to: &line)
    format.note(" \(pendingLoss) events lost", to: &line)
    endLine(to: &out)
    pendingLoss = 0
  }

  /// Prints what is left of the current root (its open path, deepest first), then whatever
  /// waited for it.
  mutating func finishCurrent(to out: inout some TextOutputStream) {
    for node in path.reversed() {
      printRest(node, to: &out)
    }
    for node in path { release(node) }
    path = []
    rootEnded(to: &out)
  }

  mutating func rootEnded(to out: inout some TextOutputStream) {
    current = nil
    direct = false
    flushLoss(depth: 0, to: &out)
    for root in waiting { printSubtree(root, to: &out) }
    waiting = []
    if options.streaming, !openRoots.isEmpty {
      let root = openRoots.removeFirst()
      open.removeValue(forKey: nodes[Int(root)].call.id)
      current = root
      nodes[Int(root)].onPath = true
      path = [root]
    }
  }
}
