/// The visible rows of an outline: node indices in display order. While they are exactly the
/// nodes 0, 1, 2, … (a tree read in depth-first order with nothing folded or filtered, the
/// usual state of a file just opened) nothing is stored; the first change that breaks that
/// writes the list out.
///
/// Stored rows sit in segments of about `segmentSize`: inserting rows in the middle (a fold
/// opened, live calls of several programs merged into their blocks) moves one segment, not
/// every row after the insertion point.
struct RowList: Sendable {
  static let segmentSize = 1 << 15

  /// Stored rows, segment by segment (never an empty segment).
  private var segments: [[UInt32]] = []
  /// The row of each segment's first element.
  private var starts: [Int] = []
  private var storedCount = 0
  /// Rows while `isIdentity`: row k shows node k.
  private var identityCount = 0
  private(set) var isIdentity = true

  init() {}

  init(_ nodes: [UInt32]) {
    isIdentity = false
    appendStored(contentsOf: nodes[...])
  }

  var count: Int { isIdentity ? identityCount : storedCount }
  var isEmpty: Bool { count == 0 }

  /// The segment holding stored row `row`.
  @inline(__always)
  private func segment(of row: Int) -> Int {
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
    let k = segment(of: row)
    return segments[k][row - starts[k]]
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
    if segments.isEmpty || segments[segments.count - 1].count >= Self.segmentSize {
      startSegment()
    }
    segments[segments.count - 1].append(node)
    storedCount += 1
  }

  mutating func append(contentsOf nodes: [UInt32]) {
    if isIdentity {
      for node in nodes { append(node) }
    } else {
      appendStored(contentsOf: nodes[...])
    }
  }

  private mutating func appendStored(contentsOf nodes: ArraySlice<UInt32>) {
    var rest = nodes
    while !rest.isEmpty {
      if segments.isEmpty || segments[segments.count - 1].count >= Self.segmentSize {
        startSegment()
      }
      let take = min(rest.count, Self.segmentSize - segments[segments.count - 1].count)
      segments[segments.count - 1].append(contentsOf: rest.prefix(take))
      storedCount += take
      rest = rest.dropFirst(take)
    }
  }

  private mutating func startSegment() {
    var segment: [UInt32] = []
    segment.reserveCapacity(Self.segmentSize)
    segments.append(segment)
    starts.append(storedCount)
  }

  mutating func insert(contentsOf nodes: [UInt32], at row: Int) {
    guard !nodes.isEmpty else { return }
    if row == count { return append(contentsOf: nodes) }
    materialize()
    let k = segment(of: row)
    segments[k].insert(contentsOf: nodes, at: row - starts[k])
    storedCount += nodes.count
    for j in (k + 1)..<starts.count { starts[j] += nodes.count }
    if segments[k].count > 2 * Self.segmentSize { split(k) }
  }

  /// Cuts an overgrown segment into pieces of `segmentSize`.
  private mutating func split(_ k: Int) {
    let whole = segments[k]
    var pieces: [[UInt32]] = []
    var offset = 0
    while offset < whole.count {
      let end = min(whole.count, offset + Self.segmentSize)
      pieces.append(Array(whole[offset..<end]))
      offset = end
    }
    let base = starts[k]
    segments.replaceSubrange(k...k, with: pieces)
    starts.replaceSubrange(k...k, with: pieces.indices.map { base + $0 * Self.segmentSize })
  }

  /// Inserts each block's nodes before old row `at` (blocks ascending by `at`).
  mutating func insert(blocks: [(at: Int, nodes: [UInt32])]) {
    for block in blocks.reversed() { insert(contentsOf: block.nodes, at: block.at) }
  }

  mutating func removeSubrange(_ range: Range<Int>) {
    guard !range.isEmpty else { return }
    if isIdentity && range.upperBound == identityCount {
      identityCount = range.lowerBound
      return
    }
    materialize()
    let first = segment(of: range.lowerBound)
    let last = segment(of: range.upperBound - 1)
    for k in first...last {
      let lower = max(range.lowerBound, starts[k]) - starts[k]
      let upper = min(range.upperBound, starts[k] + segments[k].count) - starts[k]
      segments[k].removeSubrange(lower..<upper)
    }
    storedCount -= range.count
    // Drop emptied segments and renumber the rest.
    var k = first
    var end = last
    while k <= end {
      if segments[k].isEmpty {
        segments.remove(at: k)
        starts.remove(at: k)
        end -= 1
      } else {
        k += 1
      }
    }
    var row = first == 0 ? 0 : starts[first - 1] + segments[first - 1].count
    for j in first..<segments.count {
      starts[j] = row
      row += segments[j].count
    }
  }

  /// Empties the list (back to storing nothing).
  mutating func removeAll() {
    segments = []
    starts = []
    storedCount = 0
    identityCount = 0
    isIdentity = true
  }

  /// The first row showing `node`.
  func firstIndex(of node: UInt32) -> Int? {
    firstIndex(of: node, in: 0..<count)
  }

  /// The first row in `range` showing `node`.
  func firstIndex(of node: UInt32, in range: Range<Int>) -> Int? {
    if isIdentity { return range.contains(Int(node)) ? Int(node) : nil }
    var found: Int?
    forEachPiece(range) { row, piece in
      if found == nil, let index = piece.firstIndex(of: node) {
        found = row + index - piece.startIndex
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
    forEachPiece(range) { _, piece in out.append(contentsOf: piece) }
  }

  /// Calls `body` with the stored rows of `range`, a segment at a time: the row of the
  /// piece's first element and the piece.
  private func forEachPiece(_ range: Range<Int>, _ body: (Int, ArraySlice<UInt32>) -> Void) {
    let lower = max(0, range.lowerBound)
    let upper = min(storedCount, range.upperBound)
    guard lower < upper else { return }
    var k = segment(of: lower)
    while k < segments.count && starts[k] < upper {
      let from = max(lower, starts[k]) - starts[k]
      let to = min(upper, starts[k] + segments[k].count) - starts[k]
      body(starts[k] + from, segments[k][from..<to])
      k += 1
    }
  }

  private mutating func materialize() {
    guard isIdentity else { return }
    isIdentity = false
    let nodes = Array(0..<UInt32(truncatingIfNeeded: identityCount))
    identityCount = 0
    appendStored(contentsOf: nodes[...])
  }
}

/// Where `Outline.collectVisible` appends rows.
protocol RowSink {
  mutating func append(_ node: UInt32)
}

extension RowList: RowSink {}
extension Array: RowSink where Element == UInt32 {}
