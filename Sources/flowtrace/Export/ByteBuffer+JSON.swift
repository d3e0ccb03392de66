extension [UInt8] {
  /// Appends a JSON string literal.
  mutating func appendJSON(_ string: String) {
    append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      switch byte {
      case UInt8(ascii: "\""): append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): append(contentsOf: #"\\"#.utf8)
      case 0x0A: append(contentsOf: #"\n"#.utf8)
      case 0x0D: append(contentsOf: #"\r"#.utf8)
      case 0x09: append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        append(contentsOf: #"\u00"#.utf8)
        append(hex[Int(byte >> 4)])
        append(hex[Int(byte & 0xF)])
      default: append(byte)
      }
    }
    append(UInt8(ascii: "\""))
  }

  /// Appends a non-negative integer in decimal.
  mutating func appendDecimal(_ value: UInt64) {
    append(contentsOf: String(value).utf8)
  }

  /// Appends microseconds with nanosecond precision (`12.345`).
  mutating func appendMicroseconds(_ micros: Double) {
    let scaled = (micros * 1000).rounded()
    let nanos: UInt64 =
      scaled.isNaN || scaled <= 0
      ? 0 : scaled >= 1.8e19 ? 18_000_000_000_000_000_000 : UInt64(scaled)
    appendDecimal(nanos / 1000)
    let fraction = nanos % 1000
    if fraction != 0 {
      append(UInt8(ascii: "."))
      var digits = String(fraction)
      while digits.count < 3 { digits = "0" + digits }
      while digits.hasSuffix("0") { digits.removeLast() }
      append(contentsOf: digits.utf8)
    }
  }
}
