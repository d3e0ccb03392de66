/// Byte-level JSON output helpers (hand-written: `JSONEncoder` is ten times too slow here).
extension [UInt8] {
  /// Appends ASCII text as is.
  @inline(__always)
  mutating func appendASCII(_ text: StaticString) {
    text.withUTF8Buffer { append(contentsOf: $0) }
  }

  /// Appends an unsigned integer in decimal.
  @inline(__always)
  mutating func appendDecimal(_ value: UInt64) {
    if value < 10 {
      append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    var width = 1
    var rest = value / 10
    while rest > 0 {
      width += 1
      rest /= 10
    }
    let start = count
    append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
    var v = value
    var i = start + width - 1
    while v > 0 {
      self[i] = UInt8(ascii: "0") + UInt8(v % 10)
      v /= 10
      i -= 1
    }
  }

  /// Appends a signed integer in decimal.
  mutating func appendDecimal(_ value: Int64) {
    if value < 0 { append(UInt8(ascii: "-")) }
    appendDecimal(value.magnitude)
  }

  /// Appends a JSON string literal (quotes included), escaping what JSON requires.
  mutating func appendJSONString(_ string: String) {
    append(UInt8(ascii: "\""))
    var s = string
    s.withUTF8 { utf8 in
      var runStart = 0
      for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
        runStart = i + 1
        switch byte {
        case 0x22: appendASCII("\\\"")
        case 0x5C: appendASCII("\\\\")
        case 0x0A: appendASCII("\\n")
        case 0x0D: appendASCII("\\r")
        case 0x09: appendASCII("\\t")
        default:
          appendASCII("\\u00")
          let hex: StaticString = "0123456789abcdef"
          hex.withUTF8Buffer { h in
            append(h[Int(byte >> 4)])
            append(h[Int(byte & 0xF)])
          }
        }
      }
      append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    append(UInt8(ascii: "\""))
  }

  /// Appends a JSON array of strings.
  mutating func appendJSONStrings(_ strings: [String]) {
    append(UInt8(ascii: "["))
    for (i, s) in strings.enumerated() {
      if i > 0 { append(UInt8(ascii: ",")) }
      appendJSONString(s)
    }
    append(UInt8(ascii: "]"))
  }
}
