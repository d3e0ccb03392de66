import FlowTraceWire
import Testing

/// The end record's optional exit status (docs/FORMAT.md, "end").
@Suite struct ExitStatusRecordTests {
  static func stream(_ end: (inout TraceEncoder) -> Void) -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(SampleTraces.header)
    end(&encoder)
    return encoder.takeBytes()
  }

  @Test(arguments: [0, 1, 127, 255])
  func statusRoundTrips(status: Int32) {
    let trace = DecodedTrace(binary: Self.stream { $0.end(exitStatus: status) })
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    #expect(trace.exitStatus == status)
  }

  @Test func onlyTheLowEightBitsAreWritten() {
    let trace = DecodedTrace(binary: Self.stream { $0.end(exitStatus: 256 + 7) })
    #expect(trace.exitStatus == 7)
  }

  @Test func emptyEndHasNoStatus() {
    let trace = DecodedTrace(binary: Self.stream { $0.end() })
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    #expect(trace.exitStatus == nil)
  }

  @Test func statusOverTwoFiftyFiveIsAnErrorAtTheRecord() throws {
    let header = Self.stream { _ in }
    // end, length 2, varint 256.
    let trace = DecodedTrace(binary: header + [0x09, 0x02, 0x80, 0x02], source: "s.ftrace")
    let error = try #require(trace.error)
    #expect(error.offset == header.count)
    #expect(error.description.contains("exit status 256 is over 255"))
    #expect(!trace.isEnded)
  }

  @Test func bytesAfterTheStatusAreAnError() throws {
    let header = Self.stream { _ in }
    let trace = DecodedTrace(binary: header + [0x09, 0x02, 0x00, 0x00])
    let error = try #require(trace.error)
    #expect(error.offset == header.count)
    #expect(error.description.contains("1 unexpected bytes"))
  }
}
