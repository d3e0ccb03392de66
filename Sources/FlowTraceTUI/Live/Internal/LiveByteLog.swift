/// Every byte a connection sent, in fixed 1 MB blocks: appending never moves what is already
/// stored (one growing array would copy hundreds of MB at each doubling, stalling the loop).
struct LiveByteLog {
  static let blockSize = 1 << 20
  private(set) var blocks: [[UInt8]] = []
  /// Bytes stored.
  private(set) var count = 0

  /// Appends `bytes`.
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    var rest = bytes
    while !rest.isEmpty {
      if blocks.isEmpty || blocks[blocks.count - 1].count == Self.blockSize {
        var block: [UInt8] = []
        block.reserveCapacity(Self.blockSize)
        blocks.append(block)
      }
      let last = blocks.count - 1
      let take = min(Self.blockSize - blocks[last].count, rest.count)
      blocks[last].append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<take]))
      rest = UnsafeRawBufferPointer(rebasing: rest[take...])
      count += take
    }
  }

  /// Calls `body` with the stored bytes from `offset` on, at most `limit` of them and never
  /// past the end of the block holding `offset` (an empty buffer when `offset == count`).
  func withBytes<R>(
    from offset: Int, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> R
  ) rethrows -> R {
    let index = offset / Self.blockSize
    guard offset < count, index < blocks.count else {
      return try body(UnsafeRawBufferPointer(start: nil, count: 0))
    }
    let start = offset % Self.blockSize
    let end = min(blocks[index].count, start + max(0, limit))
    return try blocks[index].withUnsafeBytes {
      try body(UnsafeRawBufferPointer(rebasing: $0[start..<end]))
    }
  }

  /// The first `length` bytes, block by block; stops early when `body` returns false.
  @discardableResult
  func forEachRun(prefix length: Int, _ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
    var remaining = min(length, count)
    for block in blocks where remaining > 0 {
      let take = min(remaining, block.count)
      let ok = block.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<take])) }
      if !ok { return false }
      remaining -= take
    }
    return true
  }

  /// The first `length` bytes as one array (tests, small streams).
  func prefix(_ length: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(min(length, count))
    forEachRun(prefix: length) {
      out.append(contentsOf: $0)
      return true
    }
    return out
  }
}
