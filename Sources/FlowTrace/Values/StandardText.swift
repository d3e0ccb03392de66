/// The standard library's simplest texts written straight as bytes: integers, `Bool`,
/// `Double`, and strings that need no escape. Each writes exactly what `String(reflecting:)` would.
enum StandardText {
  /// A writer for `T` when it is a standard integer type, `Bool` or `Double`, else nil.
  /// Each closure is concrete (no generic code runs per value).
  static func writer<T>(for _: T.Type) -> Writer? {
    switch ObjectIdentifier(T.self) {
    case ObjectIdentifier(Int.self), ObjectIdentifier(Int64.self): return signed(Int64.self)
    case ObjectIdentifier(Int32.self): return signed(Int32.self)
    case ObjectIdentifier(Int16.self): return signed(Int16.self)
    case ObjectIdentifier(Int8.self): return signed(Int8.self)
    case ObjectIdentifier(UInt.self), ObjectIdentifier(UInt64.self): return unsigned(UInt64.self)
    case ObjectIdentifier(UInt32.self): return unsigned(UInt32.self)
    case ObjectIdentifier(UInt16.self): return unsigned(UInt16.self)
    case ObjectIdentifier(UInt8.self): return unsigned(UInt8.self)
    case ObjectIdentifier(Bool.self):
      return { value, out in out.write(ascii: value.load(as: Bool.self) ? "true" : "false") }
    case ObjectIdentifier(Double.self):
      return { value, out in out.write(double: value.loadUnaligned(as: Double.self)) }
    default:
      return nil
    }
  }

  typealias Writer = (UnsafeRawPointer, inout BoundedText) -> Void

  /// Called only with concrete types above, so each closure is specialized.
  private static func signed<I: FixedWidthInteger & SignedInteger>(_: I.Type) -> Writer {
    { value, out in out.write(signed: Int64(value.loadUnaligned(as: I.self))) }
  }

  private static func unsigned<I: FixedWidthInteger & UnsignedInteger>(_: I.Type) -> Writer {
    { value, out in out.write(unsigned: UInt64(value.loadUnaligned(as: I.self))) }
  }

  /// Writes `value` quoted when every byte is printable ASCII other than `"` and `\`
  /// (`debugDescription` escapes nothing there); false, writing nothing, otherwise.
  static func writeQuotedPrintable(_ value: String, into out: inout BoundedText) -> Bool {
    var value = value
    guard value.utf8.count <= 4 * out.limit + 64 else { return false }
    return value.withUTF8 { bytes in
      guard needsNoEscape(bytes) else { return false }
      out.write(ascii: "\"")
      out.write(asciiBytes: bytes)
      out.write(ascii: "\"")
      return true
    }
  }

  /// True when every byte is printable ASCII other than `"` and `\` (eight bytes at a time).
  static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs = ones &* 0x80
    /// High bits where a byte of `word` is zero.
    func zeros(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }
    var index = 0
    while index &+ 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // Bytes of 0x80 and up, under 0x20, DEL, `"` and `\`.
      let below = (word &- ones &* 0x20) & ~word & highs
      let escaped =
        zeros(word ^ (ones &* 0x7F)) | zeros(word ^ (ones &* 0x22)) | zeros(word ^ (ones &* 0x5C))
      if (word & highs) | below | escaped != 0 { return false }
      index &+= 8
    }
    while index < bytes.count {
      let byte = base[index]
      if byte < 0x20 || byte > 0x7E || byte == 0x22 || byte == 0x5C { return false }
      index &+= 1
    }
    return true
  }
}
