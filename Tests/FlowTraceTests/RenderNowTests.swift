import FlowTraceTestSupport
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// When the writer falls behind, a thread renders its `Sendable` values itself when it
  /// records them (`KeptValue.renderNowBacklog`): the file reads exactly as when the writer
  /// renders them later.
  @Suite struct RenderNowTests {
    init() {
      FlowTrace.resetConfig()
      FlowTrace.config(include: ["mixPass"])
    }

    /// The arguments and results of `mixPass` calls recorded to a file, every value rendered
    /// when recorded (`now`) or by the writer.
    private func recordedTexts(now: Bool, limit: Int) throws -> [String] {
      let path = temporaryPath("render-now.ftrace")
      defer { unlink(path) }
      let saved = KeptValue.renderNowBacklog.load(ordering: .relaxed)
      KeptValue.renderNowBacklog.store(now ? 0 : .max, ordering: .relaxed)
      defer { KeptValue.renderNowBacklog.store(saved, ordering: .relaxed) }
      FlowTrace.config(showArgs: true, showResult: true, autoPrint: false)
      FlowTrace.config(maxValueLength: limit)
      try FlowTrace.recordTrace(to: path)
      let long = mixStrings[11]
      for _ in 0..<300 {
        _ = mixPass(MixWidths())
        _ = mixPass(MixPayload.heading(level: 1, text: long))
        _ = mixPass(["k": [MixPlain(from: 1, label: long)]])
        _ = mixPass(MixBig(limbs: [1, 2, 3]))
        _ = mixPass(Optional(MixTraced(x: 3)))
        _ = mixPass(String(repeating: "é", count: 500))
      }
      FlowTrace.closeTraceSinks()
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.error == nil)
      return trace.events.compactMap { event in
        switch event {
        case .call(let call): return call.args?.first
        case .return(let end): return end.result
        default: return nil
        }
      }
    }

    @Test(arguments: [7, 200])
    func valuesRenderedWhenRecordedReadAsRenderedLater(limit: Int) throws {
      let later = try recordedTexts(now: false, limit: limit)
      let now = try recordedTexts(now: true, limit: limit)
      #expect(later.count == 2 * 6 * 300)
      #expect(now == later)
      let first = oldRule(MixWidths(), limit: limit)
      #expect(now.first == first)
    }
  }
}
