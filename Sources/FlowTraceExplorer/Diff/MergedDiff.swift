import FlowTraceWire

/// How a row of the merged tree relates to the two traces.
public enum DiffMark: UInt8, Sendable {
  /// In both, equal, with equal descendants.
  case same
  /// In both, equal, but something below differs.
  case context
  /// In both, with different arguments, result, error, state, lost count or self time.
  case changed
  /// Only in A.
  case removed
  /// Only in B.
  case added
}

/// Two traces as one tree for the explorer: every call of A and B once (paired calls once,
/// copied from A), each with its mark and its nodes in both trees.
public struct MergedDiff: Sendable {
  /// The merged tree (an ordinary `CallTree`: folding, search and filters work on it).
  public let tree: CallTree
  /// The trees compared.
  public let a: CallTree
  public let b: CallTree
  var marks: [DiffMark]
  var changeSets: [DiffChanges]
  var nodesA: [UInt32]
  var nodesB: [UInt32]
  /// The merged nodes where a difference starts (changed calls, and the top of each
  /// subtree only in A or only in B), ascending: what next/previous difference visits.
  public let differences: [Int]
  /// Every merged node that differs (subtrees only in one trace whole), ascending.
  public let differingNodes: [Int]
  /// Built from pruned trees (`StreamingDiff.merged`): merged node → calls of the subtree
  /// it stands for (itself included), for the calls whose alike descendants were left out.
  let folded: [Int: Int]

  /// Builds the merged tree of `a` and `b`.
  public init(_ a: CallTree, _ b: CallTree, options: DiffOptions = DiffOptions()) {
    self.init(a, b, options: options, weightsA: [:])
  }

  /// Builds the merged tree of pruned trees (`weightsA`: A's nodes built without their
  /// descendants → calls they stand for).
  init(_ a: CallTree, _ b: CallTree, options: DiffOptions, weightsA: [Int: Int]) {
    var builder = MergedBuilder(a, b, options: options)
    builder.weightsA = weightsA
    builder.run()
    folded = builder.folded
    self.a = a
    self.b = b
    tree = builder.tree
    changeSets = builder.changes
    nodesA = builder.nodesA
    nodesB = builder.nodesB
    let merged = builder.tree
    // Calls on the way to a difference are context.
    for node in builder.marks.indices where builder.marks[node] != .same {
      var up = merged.parent(of: node)
      while let p = up, builder.marks[p] != .context {
        if builder.marks[p] == .same { builder.marks[p] = .context }
        up = merged.parent(of: p)
      }
    }
    marks = builder.marks
    let all = builder.marks
    differingNodes = all.indices.filter { all[$0] != .same && all[$0] != .context }
    differences = differingNodes.filter { node in
      guard all[node] != .changed, let parent = merged.parent(of: node) else { return true }
      return all[parent] != all[node]
    }
  }

  /// Whether `a` and `b` are pruned trees (`StreamingDiff.merged`), not the whole traces.
  public var isPruned: Bool { !folded.isEmpty }

  /// The calls below a node that were left out because they are alike in A and B (0 when
  /// none were).
  public func foldedCalls(below node: Int) -> Int { max(0, (folded[node] ?? 1) - 1) }

  /// The mark of a merged node.
  public func mark(of node: Int) -> DiffMark { node < marks.count ? marks[node] : .same }

  /// What changed at a merged node (`changed` nodes).
  public func changes(of node: Int) -> DiffChanges {
    node < changeSets.count ? changeSets[node] : []
  }

  /// The node's counterpart in A and in B (nil on the side it is missing from).
  public func sides(of node: Int) -> (a: Int?, b: Int?) {
    guard node < nodesA.count else { return (nil, nil) }
    let x = nodesA[node]
    let y = nodesB[node]
    return (x == CallTree.none ? nil : Int(x), y == CallTree.none ? nil : Int(y))
  }

  /// The line of text for one side of a node (`parse("x") → 3 ↯ …`).
  public func text(of node: Int, inB: Bool) -> String {
    DiffText(tree: inB ? b : a).node(node)
  }

  /// The B side's changed parts of a `changed` node (`→ 4`, or the whole call when its
  /// arguments changed), empty otherwise.
  public func changedParts(of node: Int) -> String {
    guard let other = sides(of: node).b, mark(of: node) == .changed else { return "" }
    return DiffText(tree: b).parts(other, changes(of: node))
  }
}
