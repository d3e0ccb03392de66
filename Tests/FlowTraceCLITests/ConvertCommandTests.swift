import FlowTraceWire
import Foundation
import Testing

@Suite struct ConvertCommandTests {
  @Test func exportJSONLinesWritesTheDocumentedLines() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(), "calc.ftrace", in: dir)
    let result = try CLIRunner.run(["export", trace, "--format", "jsonl"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Array(result.stdoutBytes) == CLITraces.jsonLines())
    let out = dir.appendingPathComponent("calc.jsonl").path
    #expect(try CLIRunner.run(["export", trace, "--format", "jsonl", "-o", out]).status == 0)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == CLITraces.jsonLines())
  }

  @Test func importTurnsJSONLinesIntoTheSameBinaryTheEncoderWrites() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jsonl = try CLITraces.write(CLITraces.jsonLines(), "calc.jsonl", in: dir)
    let out = dir.appendingPathComponent("calc.ftrace").path
    let result = try CLIRunner.run(["import", jsonl, "-o", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == (try CLITraces.binary()))
  }

  @Test func importReportsTheBadLineAndKeepsTheValidPrefix() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = String(decoding: CLITraces.jsonLines(), as: UTF8.self)
    text = text.replacingOccurrences(
      of: #"{"type":"return","id":3"#, with: #"{"type":"return","id":99"#)
    let jsonl = try CLITraces.write(Array(text.utf8), "bad.jsonl", in: dir)
    let out = dir.appendingPathComponent("bad.ftrace").path
    let result = try CLIRunner.run(["import", jsonl, "-o", out], expectedStatus: 1)
    #expect(result.status == 1)
    let lineNumber =
      1
      + (CLITraces.events.firstIndex(of: .return(CallEnd(id: 3, timestamp: 5_500, result: nil)))
        ?? 0) + 1
    let offset = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .prefix(lineNumber - 1).reduce(0) { $0 + $1.count + 1 }
    #expect(
      result.stderr
        == "flowtrace: \(jsonl): line \(lineNumber), byte \(offset): return of call 99, which is not open\n"
    )
    let written = DecodedTrace(binary: Array(try Data(contentsOf: URL(fileURLWithPath: out))))
    #expect(written.error == nil)
    #expect(written.events == Array(CLITraces.events.prefix(lineNumber - 2)))
  }

  @Test func importRefusesABinaryFile() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(), "calc.ftrace", in: dir)
    let result = try CLIRunner.run(
      ["import", trace, "-o", dir.appendingPathComponent("x").path], expectedStatus: 1)
    #expect(result.status == 1)
    #expect(result.stderr.contains("not a JSON Lines trace"))
  }
}
