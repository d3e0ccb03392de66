import FlowTraceText
import FlowTraceWire

/// A filter applied to a tree: which nodes stay visible. Extends incrementally as nodes are
/// appended.
public struct FilterMask: Sendable {
  public let query: FilterQuery
  var visible = Bitset()
  var excluded = Bitset()
  /// Per site: whether every name term matches / any exclusion matches.
  var siteKeep: [Bool] = []
  var siteExclude: [Bool] = []
  /// Nodes already evaluated.
  var evaluated = 0
  /// Running calls that did not pass yet: they are evaluated again (their duration grows,
  /// their error may come) until they end.
  var pending: [UInt32] = []
  /// Calls that pass, or stay as ancestors of calls that pass.
  public internal(set) var visibleCalls = 0
  /// All calls of the tree when last extended.
  public internal(set) var totalCalls = 0

  /// Applies `query` to every node of `tree`.
  public init(_ query: FilterQuery, tree: CallTree) {
    self.query = query
    _ = extend(tree)
  }

  /// Whether a node is visible under the filter.
  public func isVisible(_ node: Int) -> Bool { visible[node] }

  /// Evaluates nodes appended since the last call. Returns true when a node evaluated earlier
  /// became visible (a new match under it), so a row list must be rebuilt.
  mutating func extend(_ tree: CallTree) -> Bool {
    totalCalls = tree.callCount
    let base = tree.programStates.map { $0.node == CallTree.none ? 0 : 1 }
    var changedEarlier = false
    if !pending.isEmpty {
      var stillPending: [UInt32] = []
      for node in pending where !visible[Int(node)] {
        let site = Int(tree.refs[Int(node)])
        if keeps(Int(node), site: site, tree: tree, base: base) {
          changedEarlier = markVisible(Int(node), tree: tree) || changedEarlier
        } else if tree.flags[Int(node)].state == .running {
          stillPending.append(node)
        }
      }
      pending = stillPending
    }
    guard evaluated < tree.count else { return changedEarlier }
    updateSites(tree)
    visible.grow(to: tree.count)
    excluded.grow(to: tree.count)
    for node in evaluated..<tree.count {
      let flags = tree.flags[node]
      let parent = tree.parents[node]
      if parent != CallTree.none && excluded[Int(parent)] {
        excluded[node] = true
        continue
      }
      let kept: Bool
      switch flags.kind {
      case .call:
        let site = Int(tree.refs[node])
        if siteExclude[site] {
          excluded[node] = true
          continue
        }
        kept = keeps(node, site: site, tree: tree, base: base)
        if !kept && flags.state == .running { pending.append(UInt32(node)) }
      case .loss: kept = true
      case .thread, .program: kept = false
      }
      guard kept else { continue }
      changedEarlier = markVisible(node, tree: tree) || changedEarlier
    }
    evaluated = tree.count
    return changedEarlier
  }

  /// Makes a node and its ancestors visible; true when a node evaluated before this round
  /// changed (rows already built must be rebuilt).
  private mutating func markVisible(_ node: Int, tree: CallTree) -> Bool {
    var changedEarlier = false
    var ancestor = UInt32(node)
    while ancestor != CallTree.none && !visible[Int(ancestor)] {
      let a = Int(ancestor)
      visible[a] = true
      if tree.flags[a].kind == .call { visibleCalls += 1 }
      if a < evaluated { changedEarlier = true }
      ancestor = tree.parents[a]
    }
    return changedEarlier
  }

  private mutating func updateSites(_ tree: CallTree) {
    let globs = query.terms.compactMap { term -> Glob? in
      if case .name(let g) = term { return Glob(g) } else { return nil }
    }
    let exclusions = query.terms.compactMap { term -> Glob? in
      if case .exclude(let g) = term { return Glob(g) } else { return nil }
    }
    for site in siteKeep.count..<tree.siteTable.count {
      let name = tree.siteTable[site].name
      siteKeep.append(globs.allSatisfy { $0.matchesQualifiedName(name) })
      siteExclude.append(exclusions.contains { $0.matchesQualifiedName(name) })
    }
  }

  private func keeps(_ node: Int, site: Int, tree: CallTree, base: [Int]) -> Bool {
    if !siteKeep[site] { return false }
    for term in query.terms {
      switch term {
      case .name, .exclude: continue
      case .longerThan(let limit):
        guard let time = tree.elapsed(of: node), time > limit else { return false }
      case .shorterThan(let limit):
        guard let time = tree.elapsed(of: node), time < limit else { return false }
      case .error:
        if tree.flags[node].errorMark == 0 { return false }
      case .maxDepth(let limit):
        let program = Int(tree.contextTable[Int(tree.contexts[node])].program)
        if Int(tree.depths[node]) - base[program] > limit { return false }
      case .thread(let id):
        if tree.contextTable[Int(tree.contexts[node])].thread != id { return false }
      case .task(let id):
        if tree.contextTable[Int(tree.contexts[node])].task != id { return false }
      }
    }
    return true
  }
}

extension FilterQuery {
  /// Applies the filter to a tree.
  public func apply(to tree: CallTree) -> FilterMask { FilterMask(self, tree: tree) }
}
