import FlowTraceWire
import Testing

/// The importer reads strings eight bytes at a time and keeps each event name once: names
/// and values of every length, with an escape or a multi-byte character at every place,
/// read through small and large windows, come out as written; names that share a length or
/// a prefix stay apart.
@Suite struct ChromeStringScanTests {
  /// `(json text, decoded text)` of strings of 0...24 bytes with `piece` at every place.
  static func strings(with piece: (json: String, text: String)) -> [(String, String)] {
    var out: [(String, String)] = []
    for length in 0...24 {
      for place in 0...length {
        let before = String(repeating: "a", count: place)
        let after = String(repeating: "b", count: length - place)
        out.append((before + piece.json + after, before + piece.text + after))
      }
    }
    return out
  }

  static let pieces: [(json: String, text: String)] = [
    ("", ""), (#"\""#, "\""), (#"\\"#, "\\"), (#"\u00e9"#, "é"), ("é", "é"),
    ("\u{1F600}", "\u{1F600}"),
  ]

  static func read(_ json: String, window: Int) throws -> [ChromeEvent] {
    var reader = ChromeTraceReader(source: "t.json")
    reader.windowSize = window
    let bytes = Array(json.utf8)
    var offset = 0
    var events: [ChromeEvent] = []
    try reader.read(
      from: { buffer in
        let count = min(buffer.count, bytes.count - offset, 13)
        for i in 0..<count { buffer[i] = bytes[offset + i] }
        offset += count
        return count
      }, { events.append($0) })
    return events
  }

  @Test(arguments: [64, 1 << 16])
  func namesAndValuesOfEveryShapeReadBack(window: Int) throws {
    var expected: [(String, String)] = []
    for piece in Self.pieces { expected += Self.strings(with: piece) }
    // Each string twice, as name and value: the second time the name comes from the table.
    let events = (expected + expected).map { json, _ in
      #"{"ph": "X", "ts": 1, "dur": 1, "name": "\#(json)", "args": {"v": "\#(json)"}}"#
    }
    let read = try Self.read("[" + events.joined(separator: ",\n") + "]", window: window)
    #expect(read.count == expected.count * 2)
    for (event, (_, text)) in zip(read, expected + expected) {
      #expect(event.name == text)
      #expect(event.arguments.first?.value == text)
    }
  }

  @Test func namesOfTheSameLengthOrPrefixGetTheirOwnSites() throws {
    let names = ["abcdefgh", "abcdefgi", "abcdefgh1", "abcdefgh", "x", "y", "x"]
    let json = names.enumerated().map { i, name in
      #"{"ph": "X", "ts": \#(i * 10), "dur": 1, "name": "\#(name)"}"#
    }.joined(separator: ",")
    let run = try ChromeImportRun("[" + json + "]")
    #expect(run.outline == names.map { $0 + "()" })
    let sites = run.events.compactMap { event -> String? in
      if case .callSite(let site) = event { site.qualifiedName } else { nil }
    }
    #expect(sites == ["abcdefgh", "abcdefgi", "abcdefgh1", "x", "y"])
  }

  @Test func aControlCharacterDeepInALongStringIsReportedWhereItIs() {
    let json = "[{\"ph\": \"X\", \"name\": \"" + String(repeating: "n", count: 21) + "\u{01}\"}]"
    #expect {
      _ = try Self.read(json, window: 1 << 16)
    } throws: { error in
      let message = (error as? TraceFormatError)?.message ?? ""
      let offset = (error as? TraceFormatError)?.offset
      return message.contains("control character") && offset == 1
    }
  }
}
