/// One stretch of an outline's stored rows: a run of consecutive nodes (`first`, `first + 1`,
/// …) kept as two numbers whatever its length, or a list of nodes.
struct RowPiece: Sendable {
  /// The run's first node (unused by a list).
  var first: UInt32 = 0
  /// Rows of a run; 0 for a list.
  var runCount = 0
  /// The nodes of a list (empty for a run).
  var list: [UInt32] = []

  /// A run of `count` consecutive nodes from `first`.
  init(first: UInt32, count: Int) {
    self.first = first
    runCount = count
  }

  /// A list of nodes.
  init(list: [UInt32]) { self.list = list }

  var isRun: Bool { runCount > 0 }
  var count: Int { isRun ? runCount : list.count }

  @inline(__always)
  subscript(offset: Int) -> UInt32 {
    isRun ? first &+ UInt32(truncatingIfNeeded: offset) : list[offset]
  }

  /// The node after this run's last one.
  var runEnd: UInt32 { first &+ UInt32(truncatingIfNeeded: runCount) }

  /// The rows at `offsets` as a piece of the same kind.
  func slice(_ offsets: Range<Int>) -> RowPiece {
    isRun
      ? RowPiece(first: self[offsets.lowerBound], count: offsets.count)
      : RowPiece(list: Array(list[offsets]))
  }

  /// Appends the nodes at `offsets` to `out`.
  func copy(_ offsets: Range<Int>, to out: inout [UInt32]) {
    if isRun {
      out.append(contentsOf: self[offsets.lowerBound]..<self[offsets.upperBound])
    } else {
      out.append(contentsOf: list[offsets])
    }
  }

  /// The first offset among `offsets` holding `node`.
  func firstOffset(of node: UInt32, in offsets: Range<Int>) -> Int? {
    if isRun {
      let offset = Int(node) - Int(first)
      return offsets.contains(offset) ? offset : nil
    }
    return list[offsets].firstIndex(of: node)
  }

  /// How many of a list's first nodes are `node`, `node + 1`, …
  func consecutivePrefix(from node: UInt32) -> Int {
    var length = 0
    while length < list.count && list[length] == node &+ UInt32(truncatingIfNeeded: length) {
      length += 1
    }
    return length
  }

  /// How many of a list's last nodes are …, `node - 2`, `node - 1`.
  func consecutiveSuffix(before node: UInt32) -> Int {
    var length = 0
    while length < list.count
      && list[list.count - 1 - length] &+ UInt32(truncatingIfNeeded: length + 1) == node
    {
      length += 1
    }
    return length
  }

  /// A short run as a list (a run shorter than `RowList.minRun` is not worth its piece).
  mutating func makeList() {
    guard isRun else { return }
    list = Array(first..<runEnd)
    runCount = 0
  }

  /// Bytes held: the piece and its list's capacity.
  var byteCount: Int { MemoryLayout<RowPiece>.stride + list.capacity * 4 }
}
