import FlowTraceTestSupport
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

/// Counts its `description`s (to see which thread rendered it, and how often).
struct FoundVertex: Sendable, CustomStringConvertible {
  nonisolated(unsafe) static var described = 0
  var id: Int
  var name: String
  var description: String {
    Self.described += 1
    return "v\(id):\(name)"
  }
}

/// How a recording thread treats its kept values in `RenderNowTests`.
enum KeptMode {
  /// Copies, rendered by the writer.
  case later
  /// Rendered when recorded.
  case now
  /// The text the thread kept for an equal value, when it has one (`ValueTexts`).
  case found
}

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
    /// when recorded (`now`), by the writer (`later`), or found in the thread's kept texts.
    private func recordedTexts(
      _ mode: KeptMode, limit: Int, vertex: FoundVertex = FoundVertex(id: 1, name: "one")
    ) throws -> [String] {
      let path = temporaryPath("render-now.ftrace")
      defer { unlink(path) }
      let saved = KeptValue.renderNowBacklog.load(ordering: .relaxed)
      let savedKept = KeptValue.keptTextBacklog.load(ordering: .relaxed)
      KeptValue.renderNowBacklog.store(mode == .now ? 0 : .max, ordering: .relaxed)
      KeptValue.keptTextBacklog.store(mode == .found ? 0 : .max, ordering: .relaxed)
      defer {
        KeptValue.renderNowBacklog.store(saved, ordering: .relaxed)
        KeptValue.keptTextBacklog.store(savedKept, ordering: .relaxed)
      }
      FlowTrace.config(showArgs: true, showResult: true, autoPrint: false)
      FlowTrace.config(maxValueLength: limit)
      try FlowTrace.recordTrace(to: path)
      let long = mixStrings[11]
      let plain = MixPlain(from: 2, label: "two \"2\"")
      if mode == .found {
        // This thread renders them once: their texts are kept here.
        _ = ThreadRecorder.current
        _ = ValueRender.render(vertex, limit: limit)
        _ = ValueRender.render(plain, limit: limit)
        _ = ValueRender.render(MixBig(limbs: [1, 2, 3]), limit: limit)
      }
      for _ in 0..<300 {
        _ = mixPass(MixWidths())
        _ = mixPass(MixPayload.heading(level: 1, text: long))
        _ = mixPass(["k": [MixPlain(from: 1, label: long)]])
        _ = mixPass(MixBig(limbs: [1, 2, 3]))
        _ = mixPass(Optional(MixTraced(x: 3)))
        _ = mixPass(String(repeating: "é", count: 500))
        _ = mixPass(plain)
        _ = mixPass(vertex)
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
      let later = try recordedTexts(.later, limit: limit)
      let now = try recordedTexts(.now, limit: limit)
      let found = try recordedTexts(.found, limit: limit)
      #expect(later.count == 2 * 8 * 300)
      #expect(now == later)
      #expect(found == later)
      let first = oldRule(MixWidths(), limit: limit)
      #expect(now.first == first)
    }

    /// A value whose text the thread kept is recorded as that text: the writer never renders
    /// it (its `description` runs once, on the recording thread).
    @Test func keptTextsGoInsteadOfCopies() throws {
      let path = temporaryPath("kept-texts.ftrace")
      defer { unlink(path) }
      let saved = KeptValue.renderNowBacklog.load(ordering: .relaxed)
      let savedKept = KeptValue.keptTextBacklog.load(ordering: .relaxed)
      KeptValue.renderNowBacklog.store(.max, ordering: .relaxed)
      KeptValue.keptTextBacklog.store(0, ordering: .relaxed)
      defer {
        KeptValue.renderNowBacklog.store(saved, ordering: .relaxed)
        KeptValue.keptTextBacklog.store(savedKept, ordering: .relaxed)
      }
      FlowTrace.config(showArgs: true, showResult: true, autoPrint: false)
      try FlowTrace.recordTrace(to: path)
      // A vertex no thread rendered before (the writer keeps texts too), recorded on a thread
      // of its own (the file is drained elsewhere).
      let vertex = FoundVertex(id: Int.random(in: 1_000...1_000_000_000), name: "found")
      FoundVertex.described = 0
      onRecordingThread {
        _ = ValueRender.render(vertex, limit: Runtime.shared.maxValueLength)
        for _ in 0..<300 { _ = mixPass(vertex) }
      }
      FlowTrace.closeTraceSinks()
      let trace = DecodedTrace(binary: readFile(path), source: path)
      let texts = trace.events.compactMap { event -> String? in
        switch event {
        case .call(let call): return call.args?.first
        case .return(let end): return end.result
        default: return nil
        }
      }
      #expect(texts.filter { $0 == "v\(vertex.id):found" }.count == 600)
      #expect(FoundVertex.described == 1)
    }
  }
}
