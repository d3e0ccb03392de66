import FlowTraceWire
import Foundation
import Testing

@Suite struct TraceFileTests {
  private func temporaryFile(_ bytes: [UInt8], _ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "flowtrace-\(UUID().uuidString)-\(name)"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func readsBinaryFilesThroughMmap() throws {
    let path = try temporaryFile(try SampleTraces.encode(SampleTraces.everyKind), "t.ftrace")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try TraceFile.open(path)
    #expect(file.format == .binary)
    var events: [TraceEvent] = []
    let header = try file.forEachEvent { events.append($0) }
    #expect(header == SampleTraces.header)
    #expect(events == SampleTraces.everyKind)
  }

  @Test func detectsJSONLines() throws {
    var encoder = JSONLinesEncoder()
    encoder.header(SampleTraces.header)
    for event in SampleTraces.everyKind { encoder.encode(event) }
    let path = try temporaryFile(encoder.takeBytes(), "t.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try TraceFile.open(path)
    #expect(file.format == .jsonLines)
    var events: [TraceEvent] = []
    try file.forEachEvent { events.append($0) }
    #expect(events == SampleTraces.everyKind)
  }

  @Test func errorsNameTheFile() throws {
    var bytes = try SampleTraces.encode(SampleTraces.everyKind)
    bytes.removeLast(3)
    let path = try temporaryFile(bytes, "cut.ftrace")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var count = 0
    do {
      try TraceFile.open(path).forEachEvent { _ in count += 1 }
      Issue.record("a truncated file decoded without error")
    } catch let error as TraceFormatError {
      #expect(error.source == path)
      #expect(error.description.hasPrefix("\(path): byte "))
    } catch {
      Issue.record("unexpected \(error)")
    }
    #expect(count == SampleTraces.everyKind.count - 2)
    #expect(throws: TraceFileError.self) { try TraceFile.open(path + ".missing") }
    let empty = try temporaryFile([], "empty")
    defer { try? FileManager.default.removeItem(atPath: empty) }
    #expect(throws: TraceFormatError.self) { try TraceFile.open(empty).forEachEvent { _ in } }
  }
}
