/// The visible rows of a `CallTree`: fold state, the active filter, and the mapping between
/// rows on screen and tree nodes. Single folds splice the row list; bulk folds rebuild it in
/// one depth-first pass; appended nodes are added at the end when they land there.
public struct Outline: Sendable {
  /// Folded nodes (bit set = collapsed). New nodes start expanded.
  var collapsed = Bitset()
  /// Visible nodes in display order.
  var rows = RowList()
  /// The active filter and its per-node visibility.
  public internal(set) var filter: FilterQuery?
  var mask: FilterMask?
  /// Nodes of the tree already reflected in `rows`.
  var synced = 0
  /// Rows of the visible nodes at depth ≤ `anchorDepth` (threads, and programs in live
  /// mode), ascending: each starts a block of rows that grows at its end as calls arrive.
  var anchorRows: [Int] = []
  /// 1 when the tree has program nodes (threads sit at depth 1), else 0.
  var anchorDepth: UInt16 = 0

  /// All nodes expanded, no filter.
  public init(tree: CallTree) {
    rebuild(tree)
  }

  /// Number of visible rows.
  public var rowCount: Int { rows.count }

  /// The node shown at a row.
  public func node(atRow row: Int) -> Int { Int(rows[row]) }

  /// The visible nodes in order (for rendering a window of rows, prefer `node(atRow:)`).
  public var visibleNodes: [Int] { (0..<rows.count).map { Int(rows[$0]) } }

  /// Whether a node is folded.
  public func isCollapsed(_ node: Int) -> Bool { collapsed[node] }

  /// Whether a node passes the active filter (always true without a filter).
  public func passesFilter(_ node: Int) -> Bool { mask?.visible[node] ?? true }

  /// The row showing `node`, nil when it is folded away or filtered out.
  public func row(of node: Int, in tree: CallTree) -> Int? {
    let target = UInt32(node)
    if tree.isPreorder || rows.isIdentity { return search(target, in: 0..<rows.count) }
    // Interleaved threads or programs: the node is in its thread's (or program's) block of
    // rows, where nodes mostly ascend.
    guard let block = anchorBlock(of: node, in: tree) else {
      return rows.firstIndex(of: target)
    }
    return search(target, in: block) ?? rows.firstIndex(of: target, in: block)
  }

  /// Binary search for `target` among rows `range`, assuming they ascend there.
  private func search(_ target: UInt32, in range: Range<Int>) -> Int? {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let mid = (low + high) / 2
      if rows[mid] < target { low = mid + 1 } else { high = mid }
    }
    return low < range.upperBound && rows[low] == target ? low : nil
  }

  /// The rows of the anchor block (thread, or program in live mode) holding `node`'s top
  /// ancestor; nil when that ancestor is not an anchor row.
  func anchorBlock(of node: Int, in tree: CallTree) -> Range<Int>? {
    var top = node
    while tree.depths[top] > anchorDepth, let up = tree.parent(of: top) { top = up }
    let target = UInt32(top)
    for (k, row) in anchorRows.enumerated() where rows[row] == target {
      return row..<(k + 1 < anchorRows.count ? anchorRows[k + 1] : rows.count)
    }
    return nil
  }

  // MARK: Folding

  /// Folds one node, hiding its descendants.
  public mutating func collapse(_ node: Int, in tree: CallTree) {
    guard !collapsed[node] else { return }
    collapsed[node] = true
    guard let row = row(of: node, in: tree) else { return }
    let depth = tree.depths[node]
    guard depth >= anchorDepth else { return rebuild(tree) }
    var end = row + 1
    while end < rows.count && tree.depths[Int(rows[end])] > depth { end += 1 }
    rows.removeSubrange(row + 1..<end)
    shiftAnchors(after: row, by: row + 1 - end)
  }

  /// Unfolds one node, showing its children (their own fold state is kept).
  public mutating func expand(_ node: Int, in tree: CallTree) {
    guard collapsed[node] else { return }
    collapsed[node] = false
    guard let row = row(of: node, in: tree) else { return }
    guard tree.depths[node] >= anchorDepth else { return rebuild(tree) }
    var inserted: [UInt32] = []
    collectVisible(under: UInt32(node), in: tree, into: &inserted)
    rows.insert(contentsOf: inserted, at: row + 1)
    shiftAnchors(after: row, by: inserted.count)
  }

  /// Folds an unfolded node or unfolds a folded one.
  public mutating func toggle(_ node: Int, in tree: CallTree) {
    if collapsed[node] { expand(node, in: tree) } else { collapse(node, in: tree) }
  }

  /// Unfolds every node.
  public mutating func expandAll(in tree: CallTree) {
    collapsed = Bitset()
    rebuild(tree)
  }

  /// Folds every node: only top-level nodes stay visible.
  public mutating func collapseAll(in tree: CallTree) {
    collapsed = Bitset(count: tree.count, value: true)
    rebuild(tree)
  }

  /// Shows `depth` levels below the top level: nodes shallower than `depth` are unfolded,
  /// the others folded.
  public mutating func expand(toDepth depth: Int, in tree: CallTree) {
    collapsed = Bitset(count: tree.count, value: false)
    for node in 0..<tree.count where Int(tree.depths[node]) >= depth {
      collapsed[node] = true
    }
    rebuild(tree)
  }

  /// Unfolds the ancestors of `node` so it is visible; returns its row (nil when the filter
  /// hides it).
  @discardableResult
  public mutating func reveal(_ node: Int, in tree: CallTree) -> Int? {
    guard passesFilter(node) else { return nil }
    var topmostFolded: Int?
    var ancestor = tree.parents[node]
    while ancestor != CallTree.none {
      if collapsed[Int(ancestor)] {
        collapsed[Int(ancestor)] = false
        topmostFolded = Int(ancestor)
      }
      ancestor = tree.parents[Int(ancestor)]
    }
    if let top = topmostFolded {
      // `top` was folded, so its descendants are not in `rows` yet.
      if tree.depths[top] < anchorDepth {
        rebuild(tree)
      } else if let row = row(of: top, in: tree) {
        var inserted: [UInt32] = []
        collectVisible(under: UInt32(top), in: tree, into: &inserted)
        rows.insert(contentsOf: inserted, at: row + 1)
        shiftAnchors(after: row, by: inserted.count)
      }
    }
    return row(of: node, in: tree)
  }

  // MARK: Building

  mutating func rebuild(_ tree: CallTree) {
    rows.removeAll()
    anchorRows.removeAll(keepingCapacity: true)
    anchorDepth = Self.anchorDepth(of: tree)
    let visible = mask?.visible
    // The top levels by hand (to note the anchors), the rest depth first.
    var top = tree.firstRoot
    while top != CallTree.none {
      let t = Int(top)
      if visible?[t] ?? true {
        anchorRows.append(rows.count)
        rows.append(top)
        if !collapsed[t] {
          if anchorDepth > 0 {
            var child = tree.firstChildren[t]
            while child != CallTree.none {
              let c = Int(child)
              if visible?[c] ?? true {
                anchorRows.append(rows.count)
                rows.append(child)
                if !collapsed[c] { collectVisible(under: child, in: tree, into: &rows) }
              }
              child = tree.nextSiblings[c]
            }
          } else {
            collectVisible(under: top, in: tree, into: &rows)
          }
        }
      }
      top = tree.nextSiblings[t]
    }
    synced = tree.count
  }

  static func anchorDepth(of tree: CallTree) -> UInt16 {
    tree.programStates.contains { $0.node != CallTree.none } ? 1 : 0
  }

  /// Moves the anchors below `row` by `delta` rows.
  mutating func shiftAnchors(after row: Int, by delta: Int) {
    guard delta != 0 else { return }
    var k = firstAnchor(after: row)
    while k < anchorRows.count {
      anchorRows[k] += delta
      k += 1
    }
  }

  /// Index of the first anchor whose row is greater than `row`.
  func firstAnchor(after row: Int) -> Int {
    var low = 0
    var high = anchorRows.count
    while low < high {
      let mid = (low + high) / 2
      if anchorRows[mid] <= row { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Appends the visible descendants of `top` (or the whole forest for `CallTree.none`)
  /// in depth-first order.
  func collectVisible<Out: RowSink>(under top: UInt32, in tree: CallTree, into out: inout Out) {
    let none = CallTree.none
    var node = top == none ? tree.firstRoot : tree.firstChildren[Int(top)]
    let visible = mask?.visible
    while node != none {
      let i = Int(node)
      var descend = false
      if visible?[i] ?? true {
        out.append(node)
        descend = tree.firstChildren[i] != none && !collapsed[i]
      }
      if descend {
        node = tree.firstChildren[i]
        continue
      }
      while node != none {
        let next = tree.nextSiblings[Int(node)]
        if next != none {
          node = next
          break
        }
        let parent = tree.parents[Int(node)]
        node = parent == top ? none : parent
      }
    }
  }
}
