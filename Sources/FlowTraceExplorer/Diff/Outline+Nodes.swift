extension Outline {
  /// Shows only `nodes` and their ancestors (the diff view's "differences only"), named
  /// `label` where the active filter is shown; `setFilter(nil, in:)` shows everything again.
  public mutating func showOnly(_ nodes: [Int], label: String, in tree: CallTree) {
    // A query that keeps nothing by itself (depth below 0), then the chosen nodes.
    var mask = FilterMask(FilterQuery(terms: [.maxDepth(-1)], source: label), tree: tree)
    mask.visible = Bitset(count: tree.count, value: false)
    mask.visibleCalls = 0
    for node in nodes where node < tree.count {
      var current = UInt32(node)
      while current != CallTree.none && !mask.visible[Int(current)] {
        mask.visible[Int(current)] = true
        if tree.flags[Int(current)].kind == .call { mask.visibleCalls += 1 }
        current = tree.parents[Int(current)]
      }
    }
    filter = mask.query
    self.mask = mask
    rebuild(tree)
  }
}
