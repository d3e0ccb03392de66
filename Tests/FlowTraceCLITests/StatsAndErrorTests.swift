import FlowTraceWire
import Foundation
import Testing

@Suite struct StatsAndErrorTests {
  @Test func statsCountsAndRanksFunctions() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(), "calc.ftrace", in: dir)
    let result = try CLIRunner.run(["stats", trace])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("events    \(CLITraces.events.count)"))
    #expect(lines.contains("calls     4"))
    #expect(lines.contains("threads   2"))
    #expect(lines.contains("tasks     1"))
    #expect(lines.contains("errors    2 (1 propagated, 1 caught)"))
    #expect(lines.contains("lost      3"))
    #expect(lines.contains("span      19.0 µs"))
    // main: 19 µs total, self = 19 - parse 6 - add 0.75 = 12.25 µs.
    let bySelf = try #require(lines.firstIndex(of: "top functions by self time"))
    #expect(lines[bySelf + 2] == "         1    19.0 µs    12.3 µs       0  main")
    let byTotal = try #require(lines.firstIndex(of: "top functions by total time"))
    #expect(lines[byTotal + 3] == "         1    6.00 µs    3.50 µs       1  Parser.parse")
  }

  @Test func aTruncatedTraceGivesOneLineWithFileAndOffset() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bytes = try CLITraces.binary()
    let trace = try CLITraces.write(Array(bytes.dropLast(4)), "cut.ftrace", in: dir)
    let expected = DecodedTrace(binary: Array(bytes.dropLast(4)), source: trace).error
    for arguments in [
      ["stats", trace], ["export", trace, "--format", "jsonl"],
      ["export", trace, "--format", "chrome"],
    ] {
      let result = try CLIRunner.run(arguments, expectedStatus: 1)
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr == "flowtrace: \(expected?.description ?? "?")\n", "\(arguments)")
      #expect(result.stderr.contains(": byte "))
    }
  }

  @Test func aMissingOrForeignFileIsOneLine() throws {
    let missing = try CLIRunner.run(["stats", "/nonexistent/trace.ftrace"], expectedStatus: 1)
    #expect(missing.status == 1)
    #expect(missing.stderr == "flowtrace: /nonexistent/trace.ftrace: No such file or directory\n")
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let junk = try CLITraces.write(Array("hello world".utf8), "junk", in: dir)
    let result = try CLIRunner.run(["stats", junk], expectedStatus: 1)
    #expect(result.status == 1)
    #expect(
      result.stderr == "flowtrace: \(junk): byte 0: not a FlowTrace binary trace (bad magic)\n")
  }
}

@Suite struct StatsOnJSONLinesTests {
  @Test func statsReadsJSONLinesToo() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(CLITraces.jsonLines(), "calc.jsonl", in: dir)
    let result = try CLIRunner.run(["stats", trace])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("(JSON Lines, "))
    #expect(result.stdout.contains("\ncalls     4\n"))
  }
}

@Suite struct StatsUntimedTests {
  @Test func untimedTracesShowNoTimes() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(
      try CLITraces.binary(PrintCommandTests.events), "u.ftrace", in: dir)
    let result = try CLIRunner.run(["stats", trace])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("         2          -          -       0  add"))
    #expect(!lines.contains("top functions by total time"))
    #expect(lines.contains("top functions by calls"))
  }
}
