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

  /// Brings the rows up to date with nodes appended to the tree since the last sync:
  /// appended at the end when they land there, else one rebuild.
  public mutating func sync(with tree: CallTree) {
    if let pending = mask?.pending, !pending.isEmpty || synced < tree.count {
      // (Mutated in place through the optional: no copy of the bitsets.)
      if mask?.extend(tree) ?? false {
        rebuild(tree)
        return
      }
    }
    guard synced < tree.count else { return }
    for node in synced..<tree.count {
      guard passesFilter(node) else { continue }
      let parent = tree.parents[node]
      if parent == CallTree.none {
        rows.append(UInt32(node))
        continue
      }
      guard isShownAndOpen(Int(parent), tree) else { continue }
      guard let last = rows.last, tree.isAncestor(Int(parent), of: Int(last)) else {
        rebuild(tree)
        return
      }
      rows.append(UInt32(node))
    }
    synced = tree.count
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
