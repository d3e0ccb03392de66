/// The visible rows of an outline: node indices in display order. While they are exactly the
/// nodes 0, 1, 2, … (a tree read in depth-first order with nothing folded or filtered, the
/// usual state of a file just opened) nothing is stored; the first change that breaks that
/// writes the list out.
///
/// Stored rows are pieces (`RowPiece`): a run of `minRun` or more consecutive nodes is two
/// numbers whatever its length (a thread's calls arriving in bursts, an unfolded subtree read
/// in order), other rows are lists of up to `segmentSize` nodes. Inserting rows in the middle
/// (a fold opened, live calls merged into their thread's block) splits one piece, not every
/// row after the insertion point.
struct RowList: Sendable {
  /// The longest list piece.
  static let segmentSize = 1 << 15
  /// The shortest run kept as a run (shorter ones are lists: a piece costs ~32 bytes).
  static let minRun = 64

  /// Stored rows, piece by piece (never an empty piece).
  private(set) var pieces: [RowPiece] = []
  /// The row of each piece's first element.
  private(set) var starts: [Int] = []
  private(set) var storedCount = 0
  /// Length of the consecutive nodes ending the last piece when it is a list (0: unknown).
  private var tail = 0
  /// Rows while `isIdentity`: row k shows node k.
  private(set) var identityCount = 0
  private(set) var isIdentity = true

  init() {}

  init(_ nodes: [UInt32]) {
    isIdentity = false
    for node in nodes { appendStored(node) }
  }

  var count: Int { isIdentity ? identityCount : storedCount }
  var isEmpty: Bool { count == 0 }

  /// Bytes held (pieces, list capacities, the piece index).
  var byteCount: Int { pieces.reduce(0) { $0 + $1.byteCount } + starts.count * 8 }

  /// The piece holding stored row `row`.
  @inline(__always)
  func piece(of row: Int) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= row { low = mid } else { high = mid - 1 }
    }
    return low
  }

  @inline(__always)
  subscript(row: Int) -> UInt32 {
    if isIdentity {
      precondition(row >= 0 && row < identityCount, "row out of range")
      return UInt32(truncatingIfNeeded: row)
    }
    precondition(row >= 0 && row < storedCount, "row out of range")
    let k = piece(of: row)
    return pieces[k][row - starts[k]]
  }

  @inline(__always)
  mutating func append(_ node: UInt32) {
    if isIdentity {
      if Int(node) == identityCount {
        identityCount += 1
        return
      }
      materialize()
    }
    appendStored(node)
  }

  @inline(__always)
  private mutating func appendStored(_ node: UInt32) {
    storedCount += 1
    let k = pieces.count - 1
    if k >= 0 {
      if pieces[k].isRun {
        if pieces[k].runEnd == node {
          pieces[k].runCount += 1
          return
        }
      } else if pieces[k].list.count < Self.segmentSize {
        let previous = pieces[k].list[pieces[k].list.count - 1]
        pieces[k].list.append(node)
        if previous &+ 1 != node {
          tail = 1
          return
        }
        tail = tail == 0 ? consecutiveTail(k) : tail + 1
        if tail >= Self.minRun { runFromTail(k) }
        return
      }
    }
    starts.append(storedCount - 1)
    pieces.append(RowPiece(list: [node]))
    tail = 1
  }

  /// The number of consecutive nodes ending list piece `k`.
  private func consecutiveTail(_ k: Int) -> Int {
    let list = pieces[k].list
    var length = 1
    var i = list.count - 1
    while i > 0 && list[i - 1] &+ 1 == list[i] && length < Self.minRun {
      length += 1
      i -= 1
    }
    return length
  }

  /// Moves the last `minRun` nodes of list piece `k` (consecutive) into a run piece.
  private mutating func runFromTail(_ k: Int) {
    let length = pieces[k].list.count
    let run = RowPiece(first: pieces[k].list[length - Self.minRun], count: Self.minRun)
    tail = 0
    if length == Self.minRun {
      pieces[k] = run
      return
    }
    pieces[k].list.removeLast(Self.minRun)
    starts.append(storedCount - Self.minRun)
    pieces.append(run)
  }

  mutating func append(contentsOf nodes: [UInt32]) {
    for node in nodes { append(node) }
  }

  mutating func insert(contentsOf nodes: [UInt32], at row: Int) {
    guard !nodes.isEmpty else { return }
    if row == count { return append(contentsOf: nodes) }
    insert(RowList(nodes), at: row)
  }

  /// Inserts the rows of `other` before row `row` (its runs stay runs).
  mutating func insert(_ other: RowList, at row: Int) {
    guard !other.isEmpty else { return }
    if row == count && isIdentity {
      other.forEachNode { append($0) }
      return
    }
    materialize()
    var replacement = other.storedPieces
    if row == storedCount { return replace(pieces.count..<pieces.count, with: replacement) }
    let k = piece(of: row)
    let offset = row - starts[k]
    if offset > 0 {
      replacement.insert(pieces[k].slice(0..<offset), at: 0)
      replacement.append(pieces[k].slice(offset..<pieces[k].count))
      replace(k..<k + 1, with: replacement)
    } else {
      replace(k..<k, with: replacement)
    }
  }

  /// Inserts each block's nodes before old row `at` (blocks ascending by `at`).
  mutating func insert(blocks: [(at: Int, nodes: [UInt32])]) {
    for block in blocks.reversed() { insert(contentsOf: block.nodes, at: block.at) }
  }

  /// Inserts each block's rows before old row `at` (blocks ascending by `at`).
  mutating func insert(blocks: [(at: Int, rows: RowList)]) {
    for block in blocks.reversed() { insert(block.rows, at: block.at) }
  }

  mutating func removeSubrange(_ range: Range<Int>) {
    guard !range.isEmpty else { return }
    if isIdentity && range.upperBound == identityCount {
      identityCount = range.lowerBound
      return
    }
    materialize()
    let first = piece(of: range.lowerBound)
    let last = piece(of: range.upperBound - 1)
    var kept: [RowPiece] = []
    let before = range.lowerBound - starts[first]
    if before > 0 { kept.append(pieces[first].slice(0..<before)) }
    let after = range.upperBound - starts[last]
    if after < pieces[last].count { kept.append(pieces[last].slice(after..<pieces[last].count)) }
    replace(first..<last + 1, with: kept)
  }

  /// Replaces the pieces `range` with `replacement` (no empty piece), then merges what the
  /// edit made mergeable around it and renumbers the rows that follow.
  private mutating func replace(_ range: Range<Int>, with replacement: [RowPiece]) {
    tail = 0
    pieces.replaceSubrange(range, with: replacement)
    // The edit and one neighbour on each side.
    let lower = max(0, range.lowerBound - 1)
    var upper = min(pieces.count, range.lowerBound + replacement.count + 1)
    for k in lower..<upper where pieces[k].isRun && pieces[k].runCount < Self.minRun {
      pieces[k].makeList()
    }
    var k = lower
    while k + 1 < upper {
      if merge(k) {
        upper -= 1
      } else {
        k += 1
      }
    }
    starts.removeSubrange(min(lower, starts.count)...)
    var row = lower == 0 ? 0 : starts[lower - 1] + pieces[lower - 1].count
    for piece in pieces[lower...] {
      starts.append(row)
      row += piece.count
    }
    storedCount = row
  }

  /// Merges pieces `k` and `k + 1` when they are two runs that continue each other or two
  /// lists that fit one, and moves the nodes of a list that continue a run next to it into
  /// the run; returns whether one piece is gone.
  private mutating func merge(_ k: Int) -> Bool {
    // (No copy of a piece is held while one is changed: its list would be copied.)
    switch (pieces[k].isRun, pieces[k + 1].isRun) {
    case (true, true):
      guard pieces[k].runEnd == pieces[k + 1].first else { return false }
      pieces[k].runCount += pieces[k + 1].runCount
    case (false, false):
      guard pieces[k].list.count + pieces[k + 1].list.count <= Self.segmentSize else {
        return false
      }
      let next = pieces[k + 1].list
      pieces[k].list.append(contentsOf: next)
    case (true, false):
      let taken = pieces[k + 1].consecutivePrefix(from: pieces[k].runEnd)
      guard taken > 0 else { return false }
      pieces[k].runCount += taken
      guard taken == pieces[k + 1].list.count else {
        pieces[k + 1].list.removeFirst(taken)
        return false
      }
    case (false, true):
      let taken = pieces[k].consecutiveSuffix(before: pieces[k + 1].first)
      guard taken > 0 else { return false }
      pieces[k + 1].first -= UInt32(taken)
      pieces[k + 1].runCount += taken
      guard taken == pieces[k].list.count else {
        pieces[k].list.removeLast(taken)
        return false
      }
      pieces.remove(at: k)
      return true
    }
    pieces.remove(at: k + 1)
    return true
  }

  /// Empties the list (back to storing nothing).
  mutating func removeAll() {
    pieces = []
    starts = []
    storedCount = 0
    identityCount = 0
    tail = 0
    isIdentity = true
  }

  /// Identity rows become one stored run.
  private mutating func materialize() {
    guard isIdentity else { return }
    isIdentity = false
    storedCount = 0
    if identityCount > 0 {
      pieces = [RowPiece(first: 0, count: identityCount)]
      starts = [0]
      storedCount = identityCount
    }
    identityCount = 0
    tail = 0
  }
}
