extension ChromeScanner {
  /// Resolves the escapes of a string's raw bytes (`\n`, `\u00e9`, surrogate pairs).
  static func unescape(_ raw: UnsafeRawBufferPointer, at offset: Int) throws(Fault) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      let b = raw[i]
      i += 1
      guard b == UInt8(ascii: "\\") else {
        out.append(b)
        continue
      }
      guard i < raw.count else { throw Fault.bad(offset + i, "bad escape in a string") }
      let e = raw[i]
      i += 1
      if let simple = JSONEscape.simple(e) {
        out.append(simple)
        continue
      }
      guard e == UInt8(ascii: "u") else {
        throw Fault.bad(offset + i - 1, "bad escape in a string")
      }
      var scalar = try hex4(raw, &i, offset)
      if JSONEscape.isHighSurrogate(scalar), i + 6 <= raw.count, raw[i] == 0x5C,
        raw[i + 1] == UInt8(ascii: "u")
      {
        i += 2
        let low = try hex4(raw, &i, offset)
        guard let pair = JSONEscape.combine(high: scalar, low: low) else {
          throw Fault.bad(offset + i, "bad surrogate pair")
        }
        scalar = pair
      }
      JSONEscape.appendUTF8(scalar, to: &out)
    }
    return out
  }

  private static func hex4(
    _ raw: UnsafeRawBufferPointer, _ i: inout Int, _ offset: Int
  ) throws(Fault) -> UInt32 {
    guard i + 4 <= raw.count else { throw Fault.bad(offset + i, "bad \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = raw[i]
      guard let d = JSONEscape.hexDigit(c) else { throw Fault.bad(offset + i, "bad \\u escape") }
      v = v << 4 | UInt32(d)
      i += 1
    }
    return v
  }

  /// Reads any value as argument text: a string as its text, anything else as its compact
  /// JSON (blanks outside strings removed).
  mutating func valueText() throws(Fault) -> String {
    if try peek() == UInt8(ascii: "\"") { return try string() }
    let range = try skipValue()
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var inString = false
    var escaped = false
    for i in range {
      let b = bytes[i]
      if inString {
        out.append(b)
        if escaped {
          escaped = false
        } else if b == UInt8(ascii: "\\") {
          escaped = true
        } else if b == UInt8(ascii: "\"") {
          inString = false
        }
      } else if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 {
        out.append(b)
        if b == UInt8(ascii: "\"") { inString = true }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
