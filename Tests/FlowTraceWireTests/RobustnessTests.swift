import FlowTraceTestSupport
import FlowTraceWire
import Testing

@Suite struct RobustnessTests {

  @Test func everyTruncationKeepsTheValidPrefixAndReportsTheOffset() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    let boundaries = SampleTraces.recordBoundaries(bytes)
    let full = DecodedTrace(binary: bytes).events
    for length in 0..<bytes.count {
      let decoded = DecodedTrace(binary: Array(bytes[..<length]), source: "cut.ftrace")
      #expect(Array(full.prefix(decoded.events.count)) == decoded.events)
      if let lastBoundary = boundaries.last(where: { $0 <= length }), lastBoundary == length {
        #expect(decoded.error == nil, "cut at record boundary \(length)")
      } else {
        let error = try #require(decoded.error, "cut at \(length)")
        let recordStart = boundaries.last(where: { $0 <= length }) ?? 0
        #expect(error.offset == recordStart, "cut at \(length)")
        #expect(error.source == "cut.ftrace")
        #expect(error.description.hasPrefix("cut.ftrace: byte \(error.offset): "))
      }
    }
  }

  @Test func randomBytesNeverCrash() {
    var rng = SplitMix(state: 1)
    for round in 0..<1000 {
      let count = Int.random(in: 0..<200, using: &rng)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
      if round % 2 == 0 {  // past the magic, so the record parser is exercised
        let header = (try? SampleTraces.encode([], header: SampleTraces.header)) ?? []
        bytes = header + bytes
      }
      let decoded = DecodedTrace(binary: bytes)
      if let error = decoded.error { #expect(error.offset <= bytes.count) }
    }
  }

  @Test func mutatedRealTracesNeverCrashAndKeepAPrefix() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    let boundaries = SampleTraces.recordBoundaries(bytes)
    let prefixes = Dictionary(
      uniqueKeysWithValues: boundaries.map {
        ($0, DecodedTrace(binary: Array(bytes[..<$0])).events)
      })
    var rng = SplitMix(state: 7)
    for _ in 0..<600 {
      var mutated = bytes
      var first = mutated.count
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let i = Int.random(in: 14..<mutated.count, using: &rng)
        mutated[i] = UInt8.random(in: 0...255, using: &rng)
        first = min(first, i)
      }
      let decoded = DecodedTrace(binary: mutated)
      if let error = decoded.error { #expect(error.offset < mutated.count) }
      // Events of the records before the first mutated one are unchanged.
      let intact = boundaries.last { $0 <= first } ?? 0
      let expected = prefixes[intact] ?? []
      #expect(Array(decoded.events.prefix(expected.count)) == expected)
    }
  }

  @Test func flippedRecordLengthsAreCaught() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    let boundaries = SampleTraces.recordBoundaries(bytes)
    let full = DecodedTrace(binary: bytes).events
    var caught = 0
    for start in boundaries.dropLast() {
      for delta in [-2, -1, 1, 2, 0x40] {
        var mutated = bytes
        mutated[start + 1] = UInt8(truncatingIfNeeded: Int(mutated[start + 1]) + delta)
        let decoded = DecodedTrace(binary: mutated, source: "flip")
        #expect(Array(full.prefix(decoded.events.count)) == decoded.events)
        if let error = decoded.error {
          caught += 1
          #expect(error.offset >= start, "flip at \(start) by \(delta): \(error)")
        } else {
          #expect(decoded.events != full, "flip at \(start) by \(delta) went unnoticed")
        }
      }
    }
    #expect(caught > boundaries.count * 3)
  }

  @Test func absurdLengthsStopWithoutAllocating() throws {
    var bytes = try SampleTraces.encode([], header: SampleTraces.header)
    let headerEnd = bytes.count
    bytes += [0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
    let decoded = DecodedTrace(binary: bytes, source: "big")
    #expect(decoded.error?.offset == headerEnd)
    #expect(decoded.error?.message.contains("absurd length") == true)

    var header = try SampleTraces.encode([], header: SampleTraces.header)
    header[10] = 0xFF
    header[11] = 0xFF
    header[12] = 0xFF
    header[13] = 0x7F
    #expect(DecodedTrace(binary: header).error?.offset == 10)
  }

  @Test func badMagicAndVersionAreNamed() throws {
    let bytes = try SampleTraces.encode([.end])
    var wrong = bytes
    wrong[0] = UInt8(ascii: "{")
    #expect(DecodedTrace(binary: wrong).error?.message.contains("bad magic") == true)
    var future = bytes
    future[8] = 2
    let error = DecodedTrace(binary: future, source: "v2").error
    #expect(error?.description == "v2: byte 8: unsupported format version 2 (this reader reads 1)")
  }
}
