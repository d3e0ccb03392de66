extension [UInt8] {
  /// Appends `value` as an unsigned LEB128 varint.
  @inline(__always)
  mutating func appendVarint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    append(UInt8(truncatingIfNeeded: v))
  }

  /// Appends a signed value as a zigzag-encoded varint.
  @inline(__always)
  mutating func appendZigzag(_ value: Int64) {
    appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  /// Appends a length-prefixed UTF-8 string.
  @inline(__always)
  mutating func appendString(_ string: String) {
    var s = string
    s.withUTF8 { appendString(utf8: $0) }
  }

  /// Appends a length-prefixed UTF-8 string given as its bytes.
  @inline(__always)
  mutating func appendString(utf8: UnsafeBufferPointer<UInt8>) {
    appendVarint(UInt64(utf8.count))
    append(contentsOf: utf8)
  }

  /// Appends a little-endian fixed-width integer.
  @inline(__always)
  mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    var v = value.littleEndian
    Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
  }
}

/// Number of bytes `value` takes as a varint.
@inlinable @inline(__always)
func varintSize(_ value: UInt64) -> Int {
  var n = 1
  var v = value >> 7
  while v != 0 {
    n &+= 1
    v >>= 7
  }
  return n
}

/// Stores `value` as a varint at `at` (room for `varintSize(value)` bytes); returns the
/// address after it.
@inlinable @inline(__always)
func storeVarint(_ value: UInt64, at: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
  var rest = value
  var at = at
  while rest >= 0x80 {
    at.storeBytes(of: UInt8(truncatingIfNeeded: rest) | 0x80, as: UInt8.self)
    rest >>= 7
    at += 1
  }
  at.storeBytes(of: UInt8(truncatingIfNeeded: rest), as: UInt8.self)
  return at + 1
}
