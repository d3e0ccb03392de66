import Testing

@testable import FlowTrace

/// Values written straight as UTF-8 bytes (numbers, plain strings, the cut) against the
/// standard library's text for the same values.
@Suite struct ValueBytesTests {
  /// The memory every stream of a test writes into.
  let store = ByteStore()

  /// Doubles on the fast path's grid (multiples of 1/16), next to it, and far from it.
  static let doubles: [Double] = {
    var values: [Double] = [
      0, -0.0, 1, -1, 0.5, -0.5, 0.0625, -0.0625, 0.1, 1e-5, 3.75, 4_294_967_295.9375,
      4_294_967_296, 1e16, 1e300, -1e300, .infinity, -.infinity, .nan, .pi,
      .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123_456.125, -98_765.4375,
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 16)
      values.append(Double.random(in: -1e6...1e6, using: &generator))
    }
    return values
  }()

  @Test func doublesReadAsTheirDescription() {
    for value in Self.doubles {
      var out = BoundedText(limit: 200, store: store)
      out.write(double: value)
      #expect(out.text == value.description, "\(value.bitPattern)")
    }
  }

  @Test func integersReadAsTheirDescription() {
    let signed: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, .max, .min, .max - 1, .min + 1]
    for value in signed + (0..<500).map({ _ in Int64.random(in: .min ... .max) }) {
      var out = BoundedText(limit: 200, store: store)
      out.write(signed: value)
      #expect(out.text == String(value))
    }
    for value in [UInt64.max, 0, 10, 18_446_744_073_709_551_610] {
      var out = BoundedText(limit: 200, store: store)
      out.write(unsigned: value)
      #expect(out.text == String(value))
    }
  }

  /// Nested values go through the plans' byte writers: every standard integer width, `Bool`,
  /// `Double`, and strings with and without escapes read as `String(reflecting:)`.
  @Test func nestedStandardValuesReadAsReflection() {
    let strings = [
      "plain", "", "quote\"", "back\\slash", "tab\t", "new\nline", "é", "emoji 👍🏽", "\u{7F}",
      "~ and space",
    ]
    #expect(ValueRender.render(strings, limit: 10_000) == String(reflecting: strings))
    let widths: [Any] = [
      [Int8.min, .max], [Int16.min, .max], [Int32.min, .max], [Int64.min, .max], [Int.min, .max],
      [UInt8.max], [UInt16.max], [UInt32.max], [UInt64.max], [UInt.max], [true, false],
      Array(Self.doubles.prefix(300)),
    ]
    for value in widths {
      #expect(ValueRender.render(value, limit: 100_000) == String(reflecting: value))
    }
  }

  /// The bytes handed to the encoder are the cut text's, plain or not, at every limit.
  @Test(arguments: [1, 2, 3, 7, 20, 200])
  func bytesAreTheCutText(limit: Int) {
    let pieces = ["abc", "é", "\r", "\n", "👍🏽", "x\u{301}", "0123456789", "\"q\""]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      var out = BoundedText(limit: limit, store: store)
      var whole = ""
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        let piece = pieces.randomElement(using: &generator)!
        out.write(piece)
        whole += piece
      }
      let expected = ValueRender.cut(whole, to: limit)
      #expect(out.text == expected, "\(whole.debugDescription) at \(limit)")
      #expect(out.withText { Array($0) } == Array(expected.utf8))
    }
  }

  /// A stream reusing the last one's store starts empty; a store grows keeping its bytes.
  @Test func reusedStoreStartsEmptyAndGrows() {
    let store = ByteStore(capacity: 4)
    var first = BoundedText(limit: 100, store: store)
    first.write("0123456789abc")
    first.write(ascii: "def")
    #expect(first.text == "0123456789abcdef")
    var second = BoundedText(limit: 10, store: store)
    second.write("x")
    #expect(second.text == "x")
  }

  /// Pieces long enough for the eight-bytes-at-a-time check, with a carriage return or a
  /// non-ASCII character anywhere in them: the stream counts characters exactly there.
  @Test(arguments: [3, 9, 30])
  func longPiecesAreCheckedAtEveryByte(limit: Int) {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      var whole = ""
      var out = BoundedText(limit: limit, store: store)
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        var piece = String(repeating: "a", count: Int.random(in: 0...24, using: &generator))
        let odd = ["\r\n", "é", "\r", "x"].randomElement(using: &generator)!
        piece.insert(
          contentsOf: odd,
          at: piece.index(
            piece.startIndex, offsetBy: Int.random(in: 0...piece.count, using: &generator)))
        out.write(piece)
        whole += piece
      }
      #expect(out.text == ValueRender.cut(whole, to: limit), "\(whole.debugDescription)")
    }
  }
}
