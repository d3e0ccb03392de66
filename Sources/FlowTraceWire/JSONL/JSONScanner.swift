/// A strict JSON reader over one line's bytes: just what the JSON Lines schema needs
/// (objects, strings, integers, string arrays, null) plus skipping any other value.
struct JSONScanner {
  let bytes: UnsafeRawBufferPointer
  var position: Int
  let end: Int

  init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
    self.bytes = bytes
    self.position = start
    self.end = end
  }

  /// A fault at the scanner's position (relative to the buffer).
  func fault(_ message: String) -> JSONFault { JSONFault(position: position, message: message) }

  var peek: UInt8? { position < end ? bytes[position] : nil }

  mutating func skipSpace() {
    while position < end {
      switch bytes[position] {
      case 0x20, 0x09, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func expect(_ byte: UInt8, _ what: String) throws(JSONFault) {
    skipSpace()
    guard peek == byte else { throw fault("expected \(what)") }
    position += 1
  }

  /// Reads `null` if it comes next.
  mutating func null() -> Bool {
    skipSpace()
    guard end - position >= 4, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == 0x75,
      bytes[position + 2] == 0x6C, bytes[position + 3] == 0x6C
    else { return false }
    position += 4
    return true
  }

  /// Reads a non-negative integer.
  mutating func unsigned(_ what: String) throws(JSONFault) -> UInt64 {
    skipSpace()
    var value: UInt64 = 0
    let start = position
    while position < end, bytes[position] >= 0x30, bytes[position] <= 0x39 {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(UInt64(bytes[position] - 0x30))
      guard !o1, !o2 else { throw fault("\(what) is out of range") }
      value = s
      position += 1
    }
    guard position > start else { throw fault("\(what) must be a non-negative integer") }
    if let next = peek, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == 0x45 {
      throw fault("\(what) must be an integer")
    }
    return value
  }

  /// Reads an integer that may be negative.
  mutating func signed(_ what: String) throws(JSONFault) -> Int64 {
    skipSpace()
    let negative = peek == UInt8(ascii: "-")
    if negative { position += 1 }
    let magnitude = try unsigned(what)
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { throw fault("\(what) is out of range") }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { throw fault("\(what) is out of range") }
    return Int64(magnitude)
  }

  /// Reads a string literal, unescaping it.
  mutating func string(_ what: String) throws(JSONFault) -> String {
    skipSpace()
    guard peek == UInt8(ascii: "\"") else { throw fault("\(what) must be a string") }
    position += 1
    let start = position
    // Fast path: no escapes.
    while position < end {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        let s = String(
          decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return s
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      position += 1
    }
    var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
    while position < end {
      let b = bytes[position]
      position += 1
      switch b {
      case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"): try unescape(into: &out)
      case 0..<0x20:
        position -= 1
        throw fault("control character in a string")
      default: out.append(b)
      }
    }
    throw fault("unterminated string")
  }

  private mutating func unescape(into out: inout [UInt8]) throws(JSONFault) {
    guard let e = peek else { throw fault("unterminated string") }
    position += 1
    if let simple = JSONEscape.simple(e) {
      out.append(simple)
      return
    }
    guard e == UInt8(ascii: "u") else {
      position -= 1
      throw fault("bad escape in a string")
    }
    var scalar = try hex4()
    if JSONEscape.isHighSurrogate(scalar), end - position >= 6, bytes[position] == 0x5C,
      bytes[position + 1] == UInt8(ascii: "u")
    {
      position += 2
      let low = try hex4()
      guard let pair = JSONEscape.combine(high: scalar, low: low) else {
        throw fault("bad surrogate pair")
      }
      scalar = pair
    }
    JSONEscape.appendUTF8(scalar, to: &out)
  }

  private mutating func hex4() throws(JSONFault) -> UInt32 {
    guard end - position >= 4 else { throw fault("bad \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[position]
      guard let d = JSONEscape.hexDigit(c) else { throw fault("bad \\u escape") }
      v = v << 4 | UInt32(d)
      position += 1
    }
    return v
  }

  /// Reads an array of strings.
  mutating func strings(_ what: String) throws(JSONFault) -> [String] {
    try expect(UInt8(ascii: "["), "\(what) to be an array")
    var result: [String] = []
    skipSpace()
    if peek == UInt8(ascii: "]") {
      position += 1
      return result
    }
    while true {
      result.append(try string("an element of \(what)"))
      skipSpace()
      guard let c = peek else { throw fault("unterminated array") }
      position += 1
      if c == UInt8(ascii: "]") { return result }
      guard c == UInt8(ascii: ",") else {
        position -= 1
        throw fault("expected , or ] in \(what)")
      }
    }
  }

  /// Walks an object, calling `field` with each key; `field` must read the value.
  mutating func object(
    _ field: (String, inout JSONScanner) throws(JSONFault) -> Void
  ) throws(JSONFault) {
    try expect(UInt8(ascii: "{"), "an object")
    skipSpace()
    if peek == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      let key = try string("a key")
      try expect(UInt8(ascii: ":"), ":")
      try field(key, &self)
      skipSpace()
      guard let c = peek else { throw fault("unterminated object") }
      position += 1
      if c == UInt8(ascii: "}") { return }
      guard c == UInt8(ascii: ",") else {
        position -= 1
        throw fault("expected , or } in an object")
      }
    }
  }

  /// Skips any JSON value (for keys this reader does not know), nesting at most 64 deep.
  mutating func skipValue(depth: Int = 0) throws(JSONFault) {
    guard depth < 64 else { throw fault("value nested too deeply") }
    skipSpace()
    guard let c = peek else { throw fault("expected a value") }
    switch c {
    case UInt8(ascii: "\""): _ = try string("a value")
    case UInt8(ascii: "{"):
      try object { (_, s) throws(JSONFault) in try s.skipValue(depth: depth + 1) }
    case UInt8(ascii: "["):
      position += 1
      skipSpace()
      if peek == UInt8(ascii: "]") {
        position += 1
        return
      }
      while true {
        try skipValue(depth: depth + 1)
        try expectEither(UInt8(ascii: ","), UInt8(ascii: "]"))
        if bytes[position - 1] == UInt8(ascii: "]") { return }
      }
    default:
      let start = position
      while position < end, !Self.isDelimiter(bytes[position]) { position += 1 }
      let word = String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      guard word == "true" || word == "false" || word == "null" || Double(word) != nil else {
        position = start
        throw fault("expected a value")
      }
    }
  }

  private mutating func expectEither(_ a: UInt8, _ b: UInt8) throws(JSONFault) {
    skipSpace()
    guard let c = peek, c == a || c == b else { throw fault("expected , or ]") }
    position += 1
  }

  private static func isDelimiter(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20
      || b == 0x09 || b == 0x0D
  }
}

/// A JSON syntax or schema fault at a position inside the scanned buffer.
struct JSONFault: Error {
  var position: Int
  var message: String
}
