import FlowTraceWire
import Testing

@Suite struct EncoderRulesTests {
  private func encoderWithOpenCall() throws -> TraceEncoder {
    var encoder = TraceEncoder()
    encoder.callSite(CallSite(id: 1, qualifiedName: "f", labels: [], file: "f.swift", line: 1))
    encoder.thread(id: 1, name: "main")
    try encoder.call(
      id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)
    try encoder.call(
      id: 2, parent: 1, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)
    return encoder
  }

  @Test func refusesAReturnOfACallThatIsNotInnermost() throws {
    var encoder = try encoderWithOpenCall()
    let before = encoder.bytes
    #expect(throws: TraceEncodingError.self) {
      try encoder.return(id: 1, timestamp: nil, result: nil)
    }
    #expect(encoder.bytes == before)
  }

  @Test func refusesIdsThatDoNotIncrease() throws {
    var encoder = try encoderWithOpenCall()
    #expect(throws: TraceEncodingError.self) {
      try encoder.call(
        id: 2, parent: 1, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)
    }
    #expect(throws: TraceEncodingError.self) {
      try encoder.call(
        id: 9, parent: 9, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)
    }
  }

  @Test func refusesErrorsOfCallsThatHaveNotStartedAndTaskZero() throws {
    var encoder = try encoderWithOpenCall()
    #expect(throws: TraceEncodingError.self) {
      try encoder.error(id: 3, type: "E", description: "", disposition: .propagated)
    }
    #expect(throws: TraceEncodingError.self) {
      try encoder.task(id: 0, parent: nil, name: "none")
    }
  }
}
