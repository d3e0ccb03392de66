/// The visible rows of an outline: node indices in display order. While they are exactly the
/// nodes 0, 1, 2, … (a tree read in depth-first order with nothing folded or filtered, the
/// usual state of a file just opened) nothing is stored; the first change that breaks that
/// writes the list out.
struct RowList: Sendable {
  private var stored: [UInt32] = []
  /// Rows while `isIdentity`: row k shows node k.
  private var identityCount = 0
  private(set) var isIdentity = true

  init() {}

  init(_ nodes: [UInt32]) {
    stored = nodes
    isIdentity = false
  }

  var count: Int { isIdentity ? identityCount : stored.count }
  var isEmpty: Bool { count == 0 }

  @inline(__always)
  subscript(row: Int) -> UInt32 {
    if isIdentity {
      precondition(row >= 0 && row < identityCount, "row out of range")
      return UInt32(truncatingIfNeeded: row)
    }
    return stored[row]
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
    stored.append(node)
  }

  mutating func append(contentsOf nodes: [UInt32]) {
    if isIdentity {
      for node in nodes { append(node) }
    } else {
      stored.append(contentsOf: nodes)
    }
  }

  mutating func insert(contentsOf nodes: [UInt32], at row: Int) {
    guard !nodes.isEmpty else { return }
    if isIdentity && row == identityCount { return append(contentsOf: nodes) }
    materialize()
    stored.insert(contentsOf: nodes, at: row)
  }

  mutating func removeSubrange(_ range: Range<Int>) {
    guard !range.isEmpty else { return }
    if isIdentity && range.upperBound == identityCount {
      identityCount = range.lowerBound
      return
    }
    materialize()
    stored.removeSubrange(range)
  }

  /// Inserts each block's nodes before old row `at` (blocks ascending by `at`), moving the
  /// rows in place from the back: one pass, no second copy of the list.
  mutating func insert(blocks: [(at: Int, nodes: [UInt32])]) {
    let added = blocks.reduce(0) { $0 + $1.nodes.count }
    guard added > 0 else { return }
    if blocks.count == 1 && isIdentity && blocks[0].at == identityCount {
      return append(contentsOf: blocks[0].nodes)
    }
    materialize()
    let oldCount = stored.count
    stored.append(contentsOf: repeatElement(0, count: added))
    stored.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let size = MemoryLayout<UInt32>.stride
      var end = oldCount
      var shift = added
      for block in blocks.reversed() {
        let moved = end - block.at
        if moved > 0 {
          UnsafeMutableRawPointer(base + block.at + shift).copyMemory(
            from: base + block.at, byteCount: moved * size)
        }
        shift -= block.nodes.count
        block.nodes.withUnsafeBufferPointer { nodes in
          if let source = nodes.baseAddress {
            UnsafeMutableRawPointer(base + block.at + shift).copyMemory(
              from: source, byteCount: nodes.count * size)
          }
        }
        end = block.at
      }
    }
  }

  /// Empties the list (back to storing nothing).
  mutating func removeAll() {
    stored = []
    identityCount = 0
    isIdentity = true
  }

  /// The first row showing `node`.
  func firstIndex(of node: UInt32) -> Int? {
    if isIdentity { return Int(node) < identityCount ? Int(node) : nil }
    return stored.withUnsafeBufferPointer { $0.firstIndex(of: node) }
  }

  /// The first row in `range` showing `node`.
  func firstIndex(of node: UInt32, in range: Range<Int>) -> Int? {
    if isIdentity { return range.contains(Int(node)) ? Int(node) : nil }
    return stored.withUnsafeBufferPointer { $0[range].firstIndex(of: node) }
  }

  /// Appends the nodes of `range` to `out`.
  func copy(_ range: Range<Int>, to out: inout [UInt32]) {
    if isIdentity {
      out.append(
        contentsOf: UInt32(
          truncatingIfNeeded: range.lowerBound)..<UInt32(
            truncatingIfNeeded: range.upperBound))
    } else {
      out.append(contentsOf: stored[range])
    }
  }

  private mutating func materialize() {
    guard isIdentity else { return }
    stored = Array(0..<UInt32(truncatingIfNeeded: identityCount))
    isIdentity = false
  }
}

/// Where `Outline.collectVisible` appends rows.
protocol RowSink {
  mutating func append(_ node: UInt32)
}

extension RowList: RowSink {}
extension Array: RowSink where Element == UInt32 {}
