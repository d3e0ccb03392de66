extension Outline {
  /// Brings the rows up to date with nodes appended to the tree since the last sync. A new
  /// call lands at the end of its thread's block of rows when its parent is on that block's
  /// last path (the usual case, even with many threads or programs streaming): all such
  /// arrivals are merged in one pass. Anything else (a new thread, a call of an async task
  /// that interleaves on one thread, a filter match under old rows) rebuilds the rows.
  public mutating func sync(with tree: CallTree) {
    if let pending = mask?.pending, !pending.isEmpty || synced < tree.count {
      // (Mutated in place through the optional: no copy of the bitsets.)
      if mask?.extend(tree) ?? false {
        rebuild(tree)
        return
      }
    }
    guard synced < tree.count else { return }
    guard Self.anchorDepth(of: tree) == anchorDepth else { return rebuild(tree) }
    if appendInOrder(tree) { return }
    // Arrivals per anchor block: the block's index and the nodes to add at its end (as rows:
    // a thread's calls arrive in runs, kept as two numbers, so a large slice of a file takes
    // no scratch array of its nodes).
    var groups: [(anchor: Int, nodes: RowList)] = []
    var groupOfAnchor: [Int: Int] = [:]
    var anchorOfNode: [UInt32: Int] = [:]
    for (k, row) in anchorRows.enumerated() { anchorOfNode[rows[row]] = k }
    for node in synced..<tree.count {
      guard passesFilter(node) else { continue }
      let parent = tree.parents[node]
      if parent == CallTree.none || tree.depths[node] <= anchorDepth {
        // A new top-level node or thread: rare, rebuild.
        return rebuild(tree)
      }
      guard isShownAndOpen(Int(parent), tree) else { continue }
      var top = node
      while tree.depths[top] > anchorDepth, let up = tree.parent(of: top) { top = up }
      guard let anchor = anchorOfNode[UInt32(top)] else { return rebuild(tree) }
      let group = groupOfAnchor[anchor]
      let last =
        group.flatMap { groups[$0].nodes.last }
        ?? rows[blockEnd(anchor) - 1]
      guard tree.isAncestor(Int(parent), of: Int(last)) else { return rebuild(tree) }
      if let group {
        groups[group].nodes.append(UInt32(node))
      } else {
        groupOfAnchor[anchor] = groups.count
        groups.append((anchor, RowList([UInt32(node)])))
      }
    }
    synced = tree.count
    merge(groups.sorted { $0.anchor < $1.anchor })
  }

  /// The common case of a file streaming in: nodes arrive in depth-first order, nothing is
  /// folded and no filter is set, so the rows are every node in index order and new nodes
  /// go to the end (no walk up to each node's anchor). Returns false when that does not hold.
  private mutating func appendInOrder(_ tree: CallTree) -> Bool {
    guard tree.isPreorder, anchorDepth == 0, mask == nil, rows.count == synced,
      collapsed.population == 0
    else { return false }
    for node in synced..<tree.count {
      if tree.depths[node] == 0 { anchorRows.append(rows.count) }
      rows.append(UInt32(truncatingIfNeeded: node))
    }
    synced = tree.count
    return true
  }

  /// The row after the last row of an anchor's block.
  private func blockEnd(_ anchor: Int) -> Int {
    anchor + 1 < anchorRows.count ? anchorRows[anchor + 1] : rows.count
  }

  /// Inserts each group's nodes at the end of its anchor's block, moving the rows in place.
  private mutating func merge(_ groups: [(anchor: Int, nodes: RowList)]) {
    guard !groups.isEmpty else { return }
    let blocks = groups.map { (at: blockEnd($0.anchor), rows: $0.nodes) }
    var shift = 0
    var nextGroup = 0
    for k in anchorRows.indices {
      anchorRows[k] += shift
      guard nextGroup < groups.count, groups[nextGroup].anchor == k else { continue }
      shift += groups[nextGroup].nodes.count
      nextGroup += 1
    }
    rows.insert(blocks: blocks)
  }
}
