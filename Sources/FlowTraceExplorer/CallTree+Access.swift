import FlowTraceWire

extension CallTree {
  @inline(__always) static func index(_ link: UInt32) -> Int? {
    link == none ? nil : Int(link)
  }

  /// The top-level nodes (threads, or programs in live mode), in order.
  public var roots: [Int] {
    var result: [Int] = []
    var node = firstRoot
    while node != Self.none {
      result.append(Int(node))
      node = nextSiblings[Int(node)]
    }
    return result
  }

  /// What the node stands for.
  public func kind(of node: Int) -> NodeKind { flags[node].kind }
  /// The parent node, nil at the top level.
  public func parent(of node: Int) -> Int? { Self.index(parents[node]) }
  /// The first child, nil for a leaf.
  public func firstChild(of node: Int) -> Int? { Self.index(firstChildren[node]) }
  /// The next sibling, nil for the last child.
  public func nextSibling(of node: Int) -> Int? { Self.index(nextSiblings[node]) }
  /// Depth in the displayed tree: top-level nodes are 0.
  public func depth(of node: Int) -> Int { Int(depths[node]) }
  /// Whether the node has children (filters aside: see `Outline.hasVisibleChildren`).
  public func hasChildren(_ node: Int) -> Bool { firstChildren[node] != Self.none }

  /// The previous sibling, found by walking up from the node just before (O(depth) when
  /// nodes arrive in depth-first order), else by scanning the siblings.
  public func previousSibling(of node: Int) -> Int? {
    let parent = parents[node]
    if node > 0 && isPreorder {
      var candidate = UInt32(node - 1)
      while candidate != Self.none && candidate != parent {
        if parents[Int(candidate)] == parent { return Int(candidate) }
        candidate = parents[Int(candidate)]
      }
      if candidate == parent { return nil }
    }
    var sibling = parent == Self.none ? firstRoot : firstChildren[Int(parent)]
    var previous: Int?
    while sibling != Self.none && Int(sibling) != node {
      previous = Int(sibling)
      sibling = nextSiblings[Int(sibling)]
    }
    return previous
  }

  /// The last child (walks the siblings).
  public func lastChild(of node: Int) -> Int? {
    var child = firstChildren[node]
    guard child != Self.none else { return nil }
    while nextSiblings[Int(child)] != Self.none { child = nextSiblings[Int(child)] }
    return Int(child)
  }

  /// The children of a node, in order.
  public func children(of node: Int) -> [Int] {
    chain(from: firstChildren[node], links: nextSiblings)
  }

  /// The nodes of a linked chain: `start`, `links[start]`, … until `none`.
  private func chain(from start: UInt32, links: LinkColumn) -> [Int] {
    var result: [Int] = []
    var current = start
    while current != Self.none {
      result.append(Int(current))
      current = links[Int(current)]
    }
    return result
  }

  /// Whether `ancestor` is `node` or one of its ancestors.
  public func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
    var current = UInt32(node)
    while current != Self.none {
      if Int(current) == ancestor { return true }
      current = parents[Int(current)]
    }
    return false
  }

  /// The ancestors of a node from the top level down, excluding the node.
  public func ancestors(of node: Int) -> [Int] {
    chain(from: parents[node], links: parents).reversed()
  }

  /// Whether `a` comes before `b` in depth-first order (O(depth), no allocation).
  public func precedes(_ a: Int, _ b: Int) -> Bool {
    if a == b { return false }
    if isPreorder { return a < b }
    var x = UInt32(a)
    var y = UInt32(b)
    var dx = depths[a]
    var dy = depths[b]
    // (Depths saturate at UInt16.max, so every step also checks for the top.)
    while dx > dy && parents[Int(x)] != Self.none {
      x = parents[Int(x)]
      dx -= 1
    }
    while dy > dx && parents[Int(y)] != Self.none {
      y = parents[Int(y)]
      dy -= 1
    }
    // One is an ancestor of the other: the ancestor comes first.
    if x == y { return depths[a] < depths[b] }
    while parents[Int(x)] != parents[Int(y)] && parents[Int(x)] != Self.none
      && parents[Int(y)] != Self.none
    {
      x = parents[Int(x)]
      y = parents[Int(y)]
    }
    // Siblings arrived in order, so index order decides.
    return x < y
  }

  // MARK: Calls

  /// The call's state (threads, programs and loss markers report `returned`).
  public func state(of node: Int) -> CallState {
    flags[node].kind == .call ? flags[node].state : .returned
  }

  /// Whether the call threw (propagated) or caught an error.
  public func hasError(_ node: Int) -> Bool { flags[node].errorMark != 0 }

  /// The error event of a call.
  public func error(of node: Int) -> CallErrorInfo? {
    guard flags[node].errorMark != 0, let record = errorTable[UInt32(node)] else { return nil }
    return CallErrorInfo(
      type: record.type, description: record.description, disposition: record.disposition)
  }

  /// Qualified name of a call's function (empty for other nodes).
  public func name(of node: Int) -> String {
    flags[node].kind == .call ? siteTable[Int(refs[node])].name : ""
  }

  /// The call site index of a call (an index into `sites`), nil for other nodes.
  public func site(of node: Int) -> Int? {
    flags[node].kind == .call ? Int(refs[node]) : nil
  }

  /// Number of distinct call sites.
  public var siteCount: Int { siteTable.count }

  /// Qualified name of a call site.
  public func siteName(_ site: Int) -> String { siteTable[site].name }

  /// Source location of a call site.
  public func siteLocation(_ site: Int) -> (file: String, line: Int) {
    (siteTable[site].file, Int(siteTable[site].line))
  }

  /// Source location of a call (its site's file and line), nil for other nodes.
  public func sourceLocation(of node: Int) -> (file: String, line: Int)? {
    site(of: node).map { siteLocation($0) }
  }

  /// The call's start, ns since its program's trace start; nil without timing.
  public func start(of node: Int) -> UInt64? {
    let start = starts[node]
    return start == Self.noTime ? nil : start
  }

  /// The call's duration in ns, when it has ended with timing.
  public func duration(of node: Int) -> UInt64? { DurationCode.decode(durations[node]) }

  /// The duration, or for a running call the time elapsed until its program's latest event.
  public func elapsed(of node: Int) -> UInt64? {
    if let d = duration(of: node) { return d }
    guard flags[node].kind == .call, let start = start(of: node) else { return nil }
    let latest = programStates[program(of: node)].latestTime
    return latest >= start ? latest - start : 0
  }

  /// The rendered arguments, nil when not collected.
  public func arguments(of node: Int) -> [String]? {
    guard flags[node].kind == .call, flags[node].argsCollected, argRefs[node] != 0 else {
      return nil
    }
    var offset = ByteArena.offset(of: argRefs[node])
    let count = arena.readVarint(&offset)
    var result: [String] = []
    for _ in 0..<count {
      result.append(arena.string(arena.stringRange(&offset)))
    }
    return result
  }

  /// The rendered result, nil when absent.
  public func result(of node: Int) -> String? {
    guard let range = resultRange(node) else { return nil }
    return arena.string(range)
  }

  func resultRange(_ node: Int) -> Range<Int>? {
    let ref = resultRefs[node]
    guard ref != 0 else { return nil }
    var offset = ByteArena.offset(of: ref)
    return arena.stringRange(&offset)
  }

  /// The thread id of a call or thread node.
  public func threadID(of node: Int) -> UInt32? {
    switch flags[node].kind {
    case .call: return contextTable[Int(contexts[node])].thread
    case .thread: return threadTable[Int(refs[node])].id
    case .loss: return lossTable[Int(refs[node])].thread
    case .program: return nil
    }
  }

  /// The thread's name as the program reported it.
  public func threadName(program: Int, thread: UInt32) -> String? {
    guard let slot = programStates[program].threadNodes[thread] else { return nil }
    return threadTable[Int(refs[Int(slot.node)])].name
  }

  /// The async task id of a call (0 when not in a task).
  public func taskID(of node: Int) -> UInt64 {
    flags[node].kind == .call ? contextTable[Int(contexts[node])].task : 0
  }

  /// What the program said about a task.
  public func task(_ id: UInt64, program: Int) -> TaskInfo? {
    programStates[program].tasks[id]
  }

  /// Events lost at a loss marker.
  public func lossCount(of node: Int) -> UInt64 {
    flags[node].kind == .loss ? lossTable[Int(refs[node])].count : 0
  }

  /// The first and latest timestamps of a program (ns since its trace start).
  public func timeSpan(program: Int) -> (first: UInt64, latest: UInt64)? {
    let state = programStates[program]
    guard state.firstTime != Self.noTime else { return nil }
    return (state.firstTime, state.latestTime)
  }
}

/// An error event of a call.
public struct CallErrorInfo: Sendable, Equatable {
  /// The error's type name.
  public var type: String
  /// `String(describing:)` of the error.
  public var description: String
  public var disposition: ErrorDisposition
}
