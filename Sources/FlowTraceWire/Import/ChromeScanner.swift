/// Byte-level JSON reading for the Chrome trace importer, over a window of the file. Any read
/// that runs into the window's end throws `.needMore` (the reader then refills the window and
/// reads the whole event again), so a value is never split across two reads.
struct ChromeScanner {
  let bytes: UnsafeRawBufferPointer
  var position: Int
  let end: Int
  /// Whether the window's end is the end of the file (then running out is a truncation).
  let atEOF: Bool
  /// The reader's names, kept once (nil: every name is read as a new string).
  var names: ChromeNameTable?

  enum Fault: Error {
    /// The window ended inside the value being read.
    case needMore
    /// Bad JSON or a bad event, at a position inside the window.
    case bad(Int, String)
  }

  init(
    _ bytes: UnsafeRawBufferPointer, from start: Int, atEOF: Bool, names: ChromeNameTable? = nil
  ) {
    self.bytes = bytes
    self.position = start
    self.end = bytes.count
    self.atEOF = atEOF
    self.names = names
  }

  func bad(_ message: String) -> Fault { .bad(position, message) }

  var ranOut: Fault { atEOF ? .bad(position, "the file ends early") : .needMore }

  /// Skips blanks (newlines included); returns the next byte without taking it.
  @inline(__always)
  mutating func peek() throws(Fault) -> UInt8 {
    while position < end {
      let b = bytes[position]
      if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return b }
      position += 1
    }
    throw ranOut
  }

  /// Whether only blanks are left in the window.
  mutating func atEndOfInput() -> Bool {
    while position < end {
      let b = bytes[position]
      if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return false }
      position += 1
    }
    return true
  }

  @inline(__always)
  mutating func expect(_ byte: UInt8, _ what: String) throws(Fault) {
    guard try peek() == byte else { throw bad("expected \(what)") }
    position += 1
  }

  /// Reads a string; returns the range of its raw bytes and whether it holds escapes.
  mutating func rawString() throws(Fault) -> (range: Range<Int>, escaped: Bool) {
    guard try peek() == UInt8(ascii: "\"") else { throw bad("expected a string") }
    position += 1
    let start = position
    var escaped = false
    while true {
      if position + 8 <= end {
        // Eight bytes at a time: straight to the first quote, backslash or control byte.
        let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        let mask = Self.specialMask(word)
        if mask == 0 {
          position += 8
          continue
        }
        position += mask.trailingZeroBitCount >> 3
      } else if position >= end {
        throw ranOut
      }
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        position += 1
        return (start..<(position - 1), escaped)
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        position += 2
      } else if b < 0x20 {
        throw bad("control character in a string")
      } else {
        position += 1
      }
    }
  }

  /// The high bit of each byte of `word` (little-endian) that is `"`, `\\` or below 0x20,
  /// exact up to the first such byte (bytes after it may be marked wrongly); 0 when none is.
  @inline(__always)
  static func specialMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroInQuote = (quote &- ones) & ~quote
    let zeroInBackslash = (backslash &- ones) & ~backslash
    let control = (word &- ones &* 0x20) & ~word
    return (zeroInQuote | zeroInBackslash | control) & (ones &* 0x80)
  }

  /// Reads a string as text (escapes resolved).
  mutating func string() throws(Fault) -> String {
    let (range, escaped) = try rawString()
    let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
    if !escaped { return String(decoding: raw, as: UTF8.self) }
    return String(decoding: try Self.unescape(raw, at: range.lowerBound), as: UTF8.self)
  }

  /// Whether the string's raw bytes equal `literal` (keys and phases, without a String).
  @inline(__always)
  func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
    guard range.count == literal.utf8CodeUnitCount else { return false }
    let other = literal.utf8Start
    for i in 0..<range.count where bytes[range.lowerBound + i] != other[i] { return false }
    return true
  }

  /// Reads a number of microseconds into exact nanoseconds (`1234.5678` → 1234568, rounded
  /// past the third decimal); exponents are read through `Double`.
  mutating func micros() throws(Fault) -> Int64 {
    _ = try peek()
    let start = position
    var negative = false
    if bytes[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    var whole: Int64 = 0
    var digits = 0
    while position < end, bytes[position] &- 0x30 < 10 {
      guard whole < 922_337_203_685 else { throw bad("time out of range") }
      whole = whole * 10 + Int64(bytes[position] &- 0x30)
      position += 1
      digits += 1
    }
    var nanos = whole * 1000
    if position < end, bytes[position] == UInt8(ascii: ".") {
      position += 1
      var scale: Int64 = 100
      var roundUp = false
      var fraction = 0
      while position < end, bytes[position] &- 0x30 < 10 {
        let d = Int64(bytes[position] &- 0x30)
        if scale > 0 { nanos += d * scale } else if scale == 0 { roundUp = d >= 5 }
        scale = scale > 0 ? scale / 10 : -1
        position += 1
        fraction += 1
      }
      if fraction == 0 { throw bad("bad number") }
      if roundUp { nanos += 1 }
    }
    if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
      while position < end, !Self.ends(bytes[position]) { position += 1 }
      let text = String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      guard let value = Double(text), (value * 1000).magnitude < 9e18 else {
        throw bad("bad number")
      }
      return Int64((value * 1000).rounded())
    }
    if position == end && !atEOF { throw Fault.needMore }
    guard digits > 0 else { throw bad("expected a number") }
    return negative ? -nanos : nanos
  }

  /// Reads an integer id (`pid`/`tid`); a string id is hashed into one.
  mutating func identifier() throws(Fault) -> Int64 {
    if try peek() == UInt8(ascii: "\"") {
      let (range, _) = try rawString()
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for i in range { hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
      return Int64(bitPattern: hash | 1 << 62)
    }
    let nanos = try micros()
    guard nanos % 1000 == 0 else { throw bad("an id must be an integer") }
    return nanos / 1000
  }

  /// Skips any value; returns its range.
  @discardableResult
  mutating func skipValue(depth: Int = 0) throws(Fault) -> Range<Int> {
    guard depth < 256 else { throw bad("value nested too deeply") }
    let c = try peek()
    let start = position
    switch c {
    case UInt8(ascii: "\""): _ = try rawString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
      position += 1
      if try peek() == close {
        position += 1
        return start..<position
      }
      while true {
        if c == UInt8(ascii: "{") {
          _ = try rawString()
          try expect(UInt8(ascii: ":"), ":")
        }
        try skipValue(depth: depth + 1)
        let next = try peek()
        position += 1
        if next == close { break }
        guard next == UInt8(ascii: ",") else {
          position -= 1
          throw bad("expected , or \(Character(Unicode.Scalar(close)))")
        }
      }
    default:
      while position < end, !Self.ends(bytes[position]) { position += 1 }
      if position == end && !atEOF { throw Fault.needMore }
      let word = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
      guard Self.isLiteral(word) else {
        position = start
        throw bad("expected a value")
      }
    }
    return start..<position
  }

  static func ends(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20
      || b == 0x0A || b == 0x0D || b == 0x09
  }

  static func isLiteral(_ word: UnsafeRawBufferPointer) -> Bool {
    if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8)
      || word.elementsEqual("null".utf8)
    {
      return true
    }
    guard let first = word.first, first == UInt8(ascii: "-") || first &- 0x30 < 10 else {
      return false
    }
    return word.allSatisfy {
      $0 &- 0x30 < 10 || $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e")
        || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
    }
  }
}
