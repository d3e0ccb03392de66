/// Bounds-checked reads inside one record's payload.
@usableFromInline
struct RecordReader {
  @usableFromInline let base: UnsafeRawPointer
  @usableFromInline var position: Int
  @usableFromInline let end: Int

  @inlinable
  init(base: UnsafeRawPointer, position: Int, end: Int) {
    self.base = base
    self.position = position
    self.end = end
  }

  @inlinable
  var remaining: Int { end - position }

  /// Fails unless the whole payload was read.
  @inlinable @inline(__always)
  func expectEnd() throws(RecordFault) {
    guard position == end else {
      throw RecordFault("\(end - position) unexpected bytes at the end of the record")
    }
  }

  @inlinable @inline(__always)
  mutating func byte() throws(RecordFault) -> UInt8 {
    guard position < end else { throw RecordFault("record ends early") }
    let b = base.load(fromByteOffset: position, as: UInt8.self)
    position += 1
    return b
  }

  @inlinable @inline(__always)
  mutating func varint() throws(RecordFault) -> UInt64 {
    guard position < end else { throw RecordFault("record ends early") }
    let b = base.load(fromByteOffset: position, as: UInt8.self)
    position += 1
    if b < 0x80 { return UInt64(b) }
    return try varintTail(UInt64(b & 0x7F))
  }

  @usableFromInline
  mutating func varintTail(_ low: UInt64) throws(RecordFault) -> UInt64 {
    var value = low
    var shift: UInt64 = 7
    while true {
      guard position < end else { throw RecordFault("record ends early") }
      let b = base.load(fromByteOffset: position, as: UInt8.self)
      position += 1
      if shift == 63 && b > 1 { throw RecordFault("varint overflows 64 bits") }
      value |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return value }
      shift += 7
      if shift > 63 { throw RecordFault("varint overflows 64 bits") }
    }
  }

  @inlinable @inline(__always)
  mutating func varint32(_ what: StaticString) throws(RecordFault) -> UInt32 {
    let v = try varint()
    guard v <= UInt64(UInt32.max) else { throw RecordFault("\(what) \(v) exceeds 32 bits") }
    return UInt32(truncatingIfNeeded: v)
  }

  @inlinable @inline(__always)
  mutating func zigzag() throws(RecordFault) -> Int64 {
    let v = try varint()
    return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
  }

  @inlinable @inline(__always)
  mutating func string() throws(RecordFault) -> TraceBytes {
    let length = try varint()
    guard length <= UInt64(remaining) else {
      throw RecordFault("string of \(length) bytes overruns its record")
    }
    let start = position
    position += Int(length)
    return TraceBytes(UnsafeRawBufferPointer(start: base + start, count: Int(length)))
  }

  /// A count-prefixed list of strings, validated so `TraceStrings` can walk it unchecked.
  @inlinable
  mutating func strings() throws(RecordFault) -> TraceStrings {
    let count = try varint()
    guard count <= UInt64(remaining) else {
      throw RecordFault("list of \(count) strings overruns its record")
    }
    let start = position
    for _ in 0..<count { _ = try string() }
    return TraceStrings(
      count: Int(count),
      buffer: UnsafeRawBufferPointer(start: base + start, count: position - start))
  }

  @inlinable
  mutating func littleEndian<T: FixedWidthInteger>(_: T.Type) throws(RecordFault) -> T {
    guard remaining >= MemoryLayout<T>.size else { throw RecordFault("header ends early") }
    let v = base.loadUnaligned(fromByteOffset: position, as: T.self)
    position += MemoryLayout<T>.size
    return T(littleEndian: v)
  }
}
