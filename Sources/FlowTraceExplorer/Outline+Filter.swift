extension Outline {
  /// Sets (or, with nil or an empty query, clears) the filter and rebuilds the rows.
  public mutating func setFilter(_ query: FilterQuery?, in tree: CallTree) {
    if let query, !query.isEmpty {
      filter = query
      mask = FilterMask(query, tree: tree)
    } else {
      filter = nil
      mask = nil
    }
    rebuild(tree)
  }

  /// Re-evaluates the filter over the whole tree (durations of calls that ended since).
  public mutating func refreshFilter(in tree: CallTree) {
    setFilter(filter, in: tree)
  }

  /// Calls visible under the filter and all calls (both the tree's call count without one).
  public func filterCounts(in tree: CallTree) -> (visible: Int, total: Int) {
    guard let mask else { return (tree.callCount, tree.callCount) }
    return (mask.visibleCalls, tree.callCount)
  }

  /// Whether `node` is on screen (ancestors unfolded, filter passes) and itself unfolded.
  func isShownAndOpen(_ node: Int, _ tree: CallTree) -> Bool {
    var current = UInt32(node)
    while current != CallTree.none {
      let c = Int(current)
      if collapsed[c] || !passesFilter(c) { return false }
      current = tree.parents[c]
    }
    return true
  }
}
