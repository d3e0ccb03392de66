/// The pieces of JSON string escapes shared by the JSON Lines scanner and the Chrome trace
/// scanner (each keeps its own position and error reporting).
enum JSONEscape {
  /// The byte a one-character escape (`\n`, `\"`, …) stands for, or nil for `u` and bad ones.
  static func simple(_ escape: UInt8) -> UInt8? {
    switch escape {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return escape
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    default: return nil
    }
  }

  /// The value of one hexadecimal digit, or nil.
  static func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
  }

  /// Whether a `\u` value is the first half of a surrogate pair.
  static func isHighSurrogate(_ scalar: UInt32) -> Bool { (0xD800..<0xDC00).contains(scalar) }

  /// The scalar of a surrogate pair, or nil when `low` is not a low surrogate.
  static func combine(high: UInt32, low: UInt32) -> UInt32? {
    guard (0xDC00..<0xE000).contains(low) else { return nil }
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
  }

  /// Appends a scalar's UTF-8 (U+FFFD for a lone surrogate or an invalid value).
  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
  }
}
