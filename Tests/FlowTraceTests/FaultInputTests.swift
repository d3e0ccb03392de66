import FlowTrace
import FlowTraceWire
import Glibc
import Testing

/// Traced functions with hostile shapes: very deep, very large, not valid UTF-8.
@Trace func faultDeep(_ n: Int) -> Int { n == 0 ? 0 : faultDeep(n - 1) + 1 }
@Trace func faultBig(_ text: String) -> Int { text.utf8.count }
@Trace func faultBytes(_ name: String) -> String { name }

extension RuntimeSuite {
  /// Issue 6's hostile inputs for the runtime: every call kept, recorded to a real file
  /// and read back by the real decoder.
  @Suite struct FaultInputTests {
    init() {
      FlowTrace.resetConfig()
      FlowTrace.config(autoPrint: false, include: ["fault*"])
    }

    /// Records `body` to a temporary file and decodes it; returns the decoded events.
    func recorded(_ body: () -> Void) throws -> [TraceEvent] {
      var template = Array("/tmp/flowtrace-fault-XXXXXX".utf8CString)
      let fd = mkstemp(&template)
      #expect(fd >= 0)
      close(fd)
      let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      defer { unlink(path) }
      try FlowTrace.recordTrace(to: path)
      _ = withTracing(showArgs: true, showResult: true) { body() }
      FlowTrace.closeTraceSinks()
      var events: [TraceEvent] = []
      try TraceFile.open(path).forEachEvent { events.append($0) }
      return events
    }

    func calls(_ events: [TraceEvent], named name: String) -> [CallStart] {
      let sites = Set(
        events.compactMap { event -> UInt32? in
          if case .callSite(let site) = event, site.qualifiedName == name { return site.id }
          return nil
        })
      return events.compactMap { event -> CallStart? in
        if case .call(let call) = event, sites.contains(call.site) { return call }
        return nil
      }
    }

    @Test func recursionTenThousandDeep() throws {
      let events = try recorded { #expect(faultDeep(10_000) == 10_000) }
      let deep = calls(events, named: "faultDeep")
      #expect(deep.count == 10_001)
      // Each call's parent is the one before it: the chain is whole.
      #expect(zip(deep.dropFirst(), deep).allSatisfy { $0.parent == $1.id })
      let returns = events.filter { if case .return = $0 { return true } else { return false } }
      #expect(returns.count >= 10_001)
    }

    @Test func oneMegabyteArgumentIsKeptCut() throws {
      let big = String(repeating: "x", count: 1 << 20)
      let events = try recorded { #expect(faultBig(big) == 1 << 20) }
      let call = try #require(calls(events, named: "faultBig").first)
      let argument = try #require(call.args?.first)
      #expect(argument.hasPrefix("\"xxxx"))
      #expect(argument.utf8.count < 4_096, "a 1 MB value is cut, not copied whole")
    }

    @Test func invalidUTF8ValuesSurviveAsReplacementCharacters() throws {
      let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x62]
      let text = String(decoding: bytes, as: UTF8.self)
      let events = try recorded { #expect(faultBytes(text) == text) }
      let call = try #require(calls(events, named: "faultBytes").first)
      let argument = try #require(call.args?.first)
      #expect(argument.contains("a"))
      #expect(argument.contains("\u{FFFD}"))
      #expect(argument.contains("b"))
    }
  }
}
