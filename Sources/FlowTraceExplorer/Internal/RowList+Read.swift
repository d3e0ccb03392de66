/// Reading a row list: its last node, its nodes in order, where a node is, a range copied out.
extension RowList {
  /// The last row's node.
  var last: UInt32? { isEmpty ? nil : self[count - 1] }

  /// The stored pieces, or identity rows as one run.
  var storedPieces: [RowPiece] {
    guard isIdentity else { return pieces }
    return identityCount > 0 ? [RowPiece(first: 0, count: identityCount)] : []
  }

  /// Calls `body` with each row's node, in order.
  func forEachNode(_ body: (UInt32) -> Void) {
    for piece in storedPieces {
      if piece.isRun {
        for node in piece.first..<piece.runEnd { body(node) }
      } else {
        for node in piece.list { body(node) }
      }
    }
  }

  /// The first row showing `node`.
  func firstIndex(of node: UInt32) -> Int? {
    firstIndex(of: node, in: 0..<count)
  }

  /// The first row in `range` showing `node`.
  func firstIndex(of node: UInt32, in range: Range<Int>) -> Int? {
    if isIdentity { return range.contains(Int(node)) ? Int(node) : nil }
    var found: Int?
    forEachPiece(range) { k, offsets in
      if found == nil, let offset = pieces[k].firstOffset(of: node, in: offsets) {
        found = starts[k] + offset
      }
    }
    return found
  }

  /// Appends the nodes of `range` to `out`.
  func copy(_ range: Range<Int>, to out: inout [UInt32]) {
    if isIdentity {
      out.append(
        contentsOf: UInt32(
          truncatingIfNeeded: range.lowerBound)..<UInt32(
            truncatingIfNeeded: range.upperBound))
      return
    }
    forEachPiece(range) { k, offsets in pieces[k].copy(offsets, to: &out) }
  }

  /// Calls `body` with each piece holding rows of `range` and the offsets of those rows in it.
  private func forEachPiece(_ range: Range<Int>, _ body: (Int, Range<Int>) -> Void) {
    let lower = max(0, range.lowerBound)
    let upper = min(storedCount, range.upperBound)
    guard lower < upper else { return }
    var k = piece(of: lower)
    while k < pieces.count && starts[k] < upper {
      let from = max(lower, starts[k]) - starts[k]
      let to = min(upper, starts[k] + pieces[k].count) - starts[k]
      body(k, from..<to)
      k += 1
    }
  }
}

/// Where `Outline.collectVisible` appends rows.
protocol RowSink {
  mutating func append(_ node: UInt32)
}

extension RowList: RowSink {}
extension Array: RowSink where Element == UInt32 {}
