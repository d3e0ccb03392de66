import FlowTraceWire
import Testing

@Suite struct RoundTripTests {
  @Test func everyRecordKindRoundTrips() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    let decoded = DecodedTrace(binary: bytes, source: "every.ftrace")
    #expect(decoded.error == nil)
    #expect(decoded.header == SampleTraces.header)
    #expect(decoded.isEnded)
    #expect(decoded.events == SampleTraces.everyKind)
  }

  @Test func reencodingGivesTheSameBytes() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    let decoded = DecodedTrace(binary: bytes)
    #expect(try SampleTraces.encode(decoded.events) == bytes)
  }

  @Test func incrementalFeedInEveryChunkSizeGivesTheSameEvents() throws {
    let bytes = try SampleTraces.encode(SampleTraces.everyKind)
    for chunk in [1, 2, 3, 5, 7, 13, 64, 1000] {
      var events: [TraceEvent] = []
      var visitor = EventVisitor { events.append($0) }
      var decoder = TraceDecoder(source: "socket")
      var start = 0
      while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        try decoder.feed(Array(bytes[start..<end]), into: &visitor)
        start = end
      }
      try decoder.finish()
      #expect(events == SampleTraces.everyKind, "chunk size \(chunk)")
      #expect(visitor.header == SampleTraces.header)
      #expect(decoder.pendingByteCount == 0)
      #expect(decoder.offset == bytes.count)
    }
  }

  @Test func structureOnlyFibTakesAtMostTwelveBytesPerCall() throws {
    let events = SampleTraces.fib(20)
    let calls = events.filter { if case .call = $0 { true } else { false } }.count
    var encoder = TraceEncoder()
    for event in events { try encoder.encode(event) }
    let perCall = Double(encoder.bytes.count) / Double(calls)
    #expect(perCall <= 12, "bytes per call: \(perCall)")
    #expect(DecodedTrace(binary: try SampleTraces.encode(events)).events == events)
  }

  @Test func timedFibRoundTripsCompactly() throws {
    let events = SampleTraces.fib(15, timing: true)
    let bytes = try SampleTraces.encode(events)
    #expect(DecodedTrace(binary: bytes).events == events)
    let calls = events.filter { if case .call = $0 { true } else { false } }.count
    #expect(Double(bytes.count) / Double(calls) <= 16)
  }

  @Test func aFileWithoutEndRecordReadsWithoutError() throws {
    var events = SampleTraces.fib(5)
    events.removeLast()
    let decoded = DecodedTrace(binary: try SampleTraces.encode(events))
    #expect(decoded.error == nil)
    #expect(!decoded.isEnded)
    #expect(decoded.events == events)
  }

  @Test func drainHandsOverTheBytesAndEmptiesTheBuffer() throws {
    var encoder = TraceEncoder()
    encoder.header(SampleTraces.header)
    encoder.thread(id: 1, name: "main")
    var drained: [UInt8] = []
    encoder.drain { drained.append(contentsOf: $0) }
    #expect(encoder.bytes.isEmpty)
    #expect(drained.count > 14)
    encoder.end()
    encoder.drain { drained.append(contentsOf: $0) }
    let decoded = DecodedTrace(binary: drained)
    #expect(decoded.events == [.thread(ThreadInfo(id: 1, name: "main")), .end])
  }
}
