import FlowTraceWire
import Testing

/// Hand-made records that refer to things that do not exist.
@Suite struct DanglingReferenceTests {
  private let prologue: [UInt8] = {
    var encoder = TraceEncoder()
    encoder.header(SampleTraces.header)
    encoder.callSite(CallSite(id: 1, qualifiedName: "f", labels: [], file: "f.swift", line: 1))
    encoder.thread(id: 1, name: "main")
    return encoder.takeBytes()
  }()

  /// Decodes the prologue followed by `records`; returns the error.
  private func error(after records: [UInt8]) -> TraceFormatError? {
    DecodedTrace(binary: prologue + records, source: "t").error
  }

  private let context: [UInt8] = [0x04, 0x02, 0x01, 0x00]  // thread 1, no task

  @Test func callOfAnUndefinedSite() {
    let error = error(after: context + [0x05, 0x02, 0x00, 0x09])
    #expect(error?.offset == prologue.count + 4)
    #expect(error?.message == "call record: call site 9 is not defined")
  }

  @Test func callBeforeAnyContext() {
    #expect(error(after: [0x05, 0x02, 0x00, 0x01])?.message.contains("before any context") == true)
  }

  @Test func contextOfAnUndefinedThreadOrTask() {
    #expect(
      error(after: [0x04, 0x02, 0x05, 0x00])?.message == "context record: thread 5 is not defined")
    #expect(
      error(after: [0x04, 0x02, 0x01, 0x03])?.message == "context record: task 3 is not defined")
  }

  @Test func returnWithoutACall() {
    let error = error(after: context + [0x06, 0x01, 0x00])
    #expect(error?.offset == prologue.count + 4)
    #expect(error?.message.contains("return without an open call") == true)
  }

  @Test func parentBeforeTheFirstCall() {
    // explicit parent distance 5 for call id 1
    #expect(
      error(after: context + [0x05, 0x03, 0x10, 0x01, 0x05])?.message.contains("parent") == true)
  }

  @Test func errorOfACallThatHasNotStarted() {
    #expect(
      error(after: context + [0x07, 0x04, 0x02, 0x00, 0x00, 0x00])?.message.contains(
        "before call 1") == true)
  }

  @Test func lossInsideACallThatHasNotStarted() {
    #expect(
      error(after: [0x08, 0x03, 0x01, 0x00, 0x04])?.message.contains("has not started") == true)
  }

  @Test func siteDefinedTwiceAndUnknownRecordTypes() {
    var encoder = TraceEncoder()
    encoder.callSite(CallSite(id: 1, qualifiedName: "g", labels: [], file: "", line: 0))
    #expect(error(after: encoder.takeBytes())?.message.contains("defined twice") == true)
    #expect(error(after: [0x7E, 0x00])?.message == "record type 0x7e: unknown record type")
  }

  @Test func recordsAfterTheEnd() {
    #expect(error(after: [0x09, 0x00, 0x09, 0x00])?.message.contains("after the end") == true)
  }

  @Test func stringsThatOverrunTheirRecord() {
    #expect(error(after: [0x02, 0x03, 0x02, 0x09, 0x41])?.message.contains("overruns") == true)
  }

  @Test func theDecoderRefusesInputAfterAnError() throws {
    var decoder = TraceDecoder(source: "s")
    var visitor = EventVisitor { _ in }
    #expect(throws: TraceFormatError.self) {
      try decoder.feed(prologue + [0x7E, 0x00], into: &visitor)
    }
    #expect(throws: TraceFormatError.self) { try decoder.feed([0x09, 0x00], into: &visitor) }
  }
}
