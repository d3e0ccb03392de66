/// A node found by a navigation that may go past the end and start over.
public struct NavigationHit: Sendable, Equatable {
  public var node: Int
  /// Whether the search went past the end (or start) and continued from the other side.
  public var wrapped: Bool

  public init(node: Int, wrapped: Bool) {
    self.node = node
    self.wrapped = wrapped
  }
}

extension Outline {
  /// The parent node (never filtered out: ancestors of visible nodes stay visible).
  public func parent(of node: Int, in tree: CallTree) -> Int? { tree.parent(of: node) }

  /// The next sibling that passes the filter.
  public func nextSibling(of node: Int, in tree: CallTree) -> Int? {
    var sibling = tree.nextSibling(of: node)
    while let s = sibling, !passesFilter(s) { sibling = tree.nextSibling(of: s) }
    return sibling
  }

  /// The previous sibling that passes the filter.
  public func previousSibling(of node: Int, in tree: CallTree) -> Int? {
    var sibling = tree.previousSibling(of: node)
    while let s = sibling, !passesFilter(s) { sibling = tree.previousSibling(of: s) }
    return sibling
  }

  /// The first child that passes the filter.
  public func firstChild(of node: Int, in tree: CallTree) -> Int? {
    var child = tree.firstChild(of: node)
    while let c = child, !passesFilter(c) { child = tree.nextSibling(of: c) }
    return child
  }

  /// Whether a node has children that pass the filter (whether it gets a fold mark).
  public func hasVisibleChildren(_ node: Int, in tree: CallTree) -> Bool {
    firstChild(of: node, in: tree) != nil
  }

  /// The child call with the longest duration (or elapsed time) that passes the filter.
  public func slowestChild(of node: Int, in tree: CallTree) -> Int? {
    var best: Int?
    var bestTime: UInt64 = 0
    var child = tree.firstChild(of: node)
    while let c = child {
      if passesFilter(c), tree.kind(of: c) == .call, let time = tree.elapsed(of: c),
        best == nil || time > bestTime
      {
        best = c
        bestTime = time
      }
      child = tree.nextSibling(of: c)
    }
    return best
  }

  /// The next call after `node` in depth-first order that threw or caught an error, folded
  /// or not, wrapping around; nil when there is none.
  public func nextError(after node: Int?, in tree: CallTree) -> NavigationHit? {
    let errors = tree.errorNodes
    if tree.isPreorder {
      // Index order is depth-first order: the first error node after `node`.
      let start = node.map { Self.countBelow(UInt32($0) &+ 1, in: errors) } ?? 0
      for k in start..<errors.count where isError(Int(errors[k]), tree) {
        return NavigationHit(node: Int(errors[k]), wrapped: false)
      }
      for k in 0..<start where isError(Int(errors[k]), tree) {
        return NavigationHit(node: Int(errors[k]), wrapped: true)
      }
      return nil
    }
    if errors.count <= Self.comparedErrors {
      return nearestError(after: node, among: errors, in: tree) { tree.precedes($0, $1) }
    }
    let order = preorder(tree)
    let start = node.flatMap { order.position[$0] } ?? -1
    for k in (start + 1)..<order.nodes.count where isError(order.nodes[k], tree) {
      return NavigationHit(node: order.nodes[k], wrapped: false)
    }
    for k in 0..<max(0, min(start + 1, order.nodes.count)) where isError(order.nodes[k], tree) {
      return NavigationHit(node: order.nodes[k], wrapped: true)
    }
    return nil
  }

  /// Among a few error nodes compared pairwise: the first after `node` in the order that
  /// `precedes` gives (the first of all when `node` is nil), else the first of all, wrapped.
  private func nearestError(
    after node: Int?, among errors: some Collection<UInt32>, in tree: CallTree,
    _ precedes: (Int, Int) -> Bool
  ) -> NavigationHit? {
    var after: Int?
    var first: Int?
    for e in errors.lazy.map({ Int($0) }) where isError(e, tree) {
      if first.map({ precedes(e, $0) }) ?? true { first = e }
      if let node, precedes(node, e), after.map({ precedes(e, $0) }) ?? true { after = e }
    }
    if node == nil, let first { return NavigationHit(node: first, wrapped: false) }
    if let after { return NavigationHit(node: after, wrapped: false) }
    return first.map { NavigationHit(node: $0, wrapped: true) }
  }

  /// The previous call before `node` in depth-first order that threw or caught, wrapping.
  public func previousError(before node: Int?, in tree: CallTree) -> NavigationHit? {
    let errors = tree.errorNodes
    if tree.isPreorder {
      // Errors before `node` sit below `end`; the wrap goes back from the last one to
      // `node` itself (as `nextError` wraps from the first one to `node`).
      let end = node.map { Self.countBelow(UInt32($0), in: errors) } ?? errors.count
      for k in stride(from: end - 1, through: 0, by: -1) where isError(Int(errors[k]), tree) {
        return NavigationHit(node: Int(errors[k]), wrapped: false)
      }
      for k in stride(from: errors.count - 1, through: end, by: -1)
      where isError(Int(errors[k]), tree) {
        return NavigationHit(node: Int(errors[k]), wrapped: true)
      }
      return nil
    }
    if errors.count <= Self.comparedErrors {
      // The same search with the order reversed.
      return nearestError(after: node, among: errors, in: tree) { tree.precedes($1, $0) }
    }
    let order = preorder(tree)
    let start = node.flatMap { order.position[$0] } ?? order.nodes.count
    for k in stride(from: start - 1, through: 0, by: -1) where isError(order.nodes[k], tree) {
      return NavigationHit(node: order.nodes[k], wrapped: false)
    }
    for k in stride(from: order.nodes.count - 1, to: max(start - 1, -1), by: -1)
    where isError(order.nodes[k], tree) {
      return NavigationHit(node: order.nodes[k], wrapped: true)
    }
    return nil
  }

  /// Up to this many error nodes, a tree not in depth-first index order is searched by
  /// comparing positions (O(errors × depth)) instead of listing every node in order.
  static let comparedErrors = 4096

  /// How many elements of a sorted array are less than `value`.
  static func countBelow(_ value: UInt32, in sorted: [UInt32]) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
  }

  private func isError(_ node: Int, _ tree: CallTree) -> Bool {
    tree.flags[node].errorMark != 0 && tree.flags[node].kind == .call && passesFilter(node)
  }

  /// Nodes in depth-first order with their positions (identity when the tree's index order
  /// is already depth-first).
  private func preorder(_ tree: CallTree) -> PreorderView {
    if tree.isPreorder { return PreorderView(identityOf: tree.count) }
    var nodes: [UInt32] = []
    nodes.reserveCapacity(tree.count)
    var full = self
    full.collapsed = Bitset()
    full.collectVisible(under: CallTree.none, in: tree, into: &nodes)
    return PreorderView(nodes: nodes, count: tree.count)
  }
}

/// Depth-first order of nodes, and each node's position in it.
struct PreorderView {
  private let order: [UInt32]?
  private let positions: [Int32]?
  let countOfNodes: Int

  init(identityOf count: Int) {
    order = nil
    positions = nil
    countOfNodes = count
  }

  init(nodes: [UInt32], count: Int) {
    order = nodes
    var positions = [Int32](repeating: -1, count: count)
    for (k, node) in nodes.enumerated() { positions[Int(node)] = Int32(k) }
    self.positions = positions
    countOfNodes = nodes.count
  }

  var nodes: Nodes { Nodes(view: self) }
  var position: Positions { Positions(view: self) }

  struct Nodes {
    let view: PreorderView
    var count: Int { view.countOfNodes }
    subscript(k: Int) -> Int { view.order.map { Int($0[k]) } ?? k }
  }

  struct Positions {
    let view: PreorderView
    subscript(node: Int) -> Int? {
      guard let positions = view.positions else { return node }
      return positions[node] >= 0 ? Int(positions[node]) : nil
    }
  }
}
