import FlowTraceWire

/// All per-call strings (arguments, results) in one UTF-8 byte array, addressed by
/// 4-byte-aligned references so a `UInt32` reaches 16 GB (0 means "none").
struct ByteArena: Sendable {
  private(set) var bytes: [UInt8] = []

  mutating func reserve(_ more: Int) {
    if more > 0 { bytes.reserveCapacity(bytes.count + more) }
  }

  /// Pads to a 4-byte boundary and returns the reference of the next record.
  mutating func beginRecord() -> UInt32 {
    let pad = (4 - bytes.count & 3) & 3
    if pad > 0 { bytes.append(contentsOf: repeatElement(0, count: pad)) }
    return UInt32(truncatingIfNeeded: bytes.count >> 2) &+ 1
  }

  /// The byte offset of a reference made by `beginRecord`.
  static func offset(of ref: UInt32) -> Int { Int(ref &- 1) << 2 }

  /// Whether another record still fits under the `UInt32` reference limit.
  var hasRoom: Bool { bytes.count < (Int(UInt32.max) - 1) << 2 }

  mutating func appendVarint(_ value: Int) {
    var v = UInt(value)
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Reads a varint at `offset`, advancing it.
  func readVarint(_ offset: inout Int) -> Int {
    bytes.withUnsafeBufferPointer { ArenaReader.varint($0, &offset) }
  }

  /// Appends a length-prefixed string.
  mutating func appendText<Text: ArenaText>(_ text: Text) {
    text.withUTF8Bytes { raw in
      appendVarint(raw.count)
      bytes.append(contentsOf: raw)
    }
  }

  /// Appends a length-prefixed string of raw bytes.
  mutating func appendText(bytes raw: UnsafeRawBufferPointer) {
    appendVarint(raw.count)
    bytes.append(contentsOf: raw)
  }

  /// Drops the bytes from `count` on (a record just written that turned out to be shared).
  mutating func truncate(to count: Int) {
    if count < bytes.count { bytes.removeLast(bytes.count - count) }
  }

  /// FNV-1a of a byte range.
  func hash(_ range: Range<Int>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for k in range { hash = (hash ^ UInt32(bytes[k])) &* 16_777_619 }
    return hash
  }

  /// Whether `count` bytes at offsets `a` and `b` are equal.
  func bytesEqual(_ a: Int, _ b: Int, count: Int) -> Bool {
    guard a >= 0, b >= 0, a + count <= bytes.count, b + count <= bytes.count else { return false }
    for k in 0..<count where bytes[a + k] != bytes[b + k] { return false }
    return true
  }

  /// Whether the length-prefixed string of record `ref` holds exactly `raw`.
  func textEquals(_ ref: UInt32, _ raw: UnsafeRawBufferPointer) -> Bool {
    var offset = Self.offset(of: ref)
    guard offset < bytes.count else { return false }
    let range = stringRange(&offset)
    guard range.count == raw.count else { return false }
    for k in 0..<raw.count where bytes[range.lowerBound + k] != raw[k] { return false }
    return true
  }

  /// The byte range of the length-prefixed string at `offset`, advancing past it.
  func stringRange(_ offset: inout Int) -> Range<Int> {
    let length = readVarint(&offset)
    let start = min(offset, bytes.count)
    let end = min(start + length, bytes.count)
    offset = end
    return start..<end
  }

  func string(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}

/// Text that can be copied into the arena as UTF-8 bytes: a `String`, or the decoder's
/// `TraceBytes` (copied straight from the input, no String made).
protocol ArenaText {
  func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R
}

extension String: ArenaText {
  func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    var copy = self
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }
}

extension TraceBytes: ArenaText {
  func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { body(buffer) }
}
