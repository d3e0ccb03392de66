import FlowTraceText
import FlowTraceWire
import Foundation
import Testing

@Suite struct PrintCommandTests {
  /// main → parse("1+x") → token("x") throws, parse catches; main → add(2, y: 3) → add(1, y: 3).
  static let events: [TraceEvent] = [
    .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "main.swift", line: 1)),
    .callSite(
      CallSite(id: 2, qualifiedName: "Parser.parse", labels: ["text"], file: "P.swift", line: 5)),
    .callSite(
      CallSite(id: 3, qualifiedName: "Parser.token", labels: ["_"], file: "P.swift", line: 9)),
    .callSite(CallSite(id: 4, qualifiedName: "add", labels: ["_", "y"], file: "A.swift", line: 2)),
    .thread(ThreadInfo(id: 1, name: "main")),
    call(1, nil, site: 1, []),
    call(2, 1, site: 2, ["\"1+x\""]),
    call(3, 2, site: 3, ["\"x\""]),
    .error(
      CallError(id: 3, type: "BadToken", description: "BadToken(\"x\")", disposition: .propagated)),
    .return(CallEnd(id: 3, timestamp: nil, result: nil)),
    .error(
      CallError(id: 2, type: "BadToken", description: "BadToken(\"x\")", disposition: .caught)),
    .return(CallEnd(id: 2, timestamp: nil, result: "nil")),
    call(4, 1, site: 4, ["2", "3"]),
    call(5, 4, site: 4, ["1", "3"]),
    .return(CallEnd(id: 5, timestamp: nil, result: "4")),
    .return(CallEnd(id: 4, timestamp: nil, result: "5")),
    .return(CallEnd(id: 1, timestamp: nil, result: nil)),
    .end,
  ]

  static func call(_ id: UInt64, _ parent: UInt64?, site: UInt32, _ args: [String]) -> TraceEvent {
    .call(
      CallStart(
        id: id, parent: parent, site: site, thread: 1, task: 0, flags: [.args, .result],
        timestamp: nil, args: args))
  }

  private func print(
    _ options: [String], events: [TraceEvent] = events, expectedStatus: Int32 = 0
  ) throws -> CLIRunner.Result {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(events), "t.ftrace", in: dir)
    return try CLIRunner.run(["print", trace] + options, expectedStatus: expectedStatus)
  }

  @Test func printsExactlyWhatTheRuntimePrinterPrints() throws {
    let result = try print([])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == TreeTextPrinter.render(Self.events))
    #expect(
      result.stdout == """
        → main()
          → Parser.parse(text: "1+x")
            → Parser.token("x") ↯ BadToken("x") [propagated]
            ↯ Parser.parse(text: "1+x") BadToken("x") [caught]
          ← Parser.parse(text: "1+x") → nil
          → add(2, y: 3)
            → add(1, y: 3) → 4
          ← add(2, y: 3) → 5
        ← main()

        """)
    let timed = try print([], events: CLITraces.events)
    #expect(timed.stdout == TreeTextPrinter.render(CLITraces.events))
    #expect(timed.stdout.contains("[0.000006s]"))
  }

  @Test func jsonLinesPrintTheSameAsBinary() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(CLITraces.jsonLines(Self.events), "t.jsonl", in: dir)
    let result = try CLIRunner.run(["print", trace])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == TreeTextPrinter.render(Self.events))
  }

  @Test func errorsKeepsOnlyThePathsToErrors() throws {
    #expect(
      try print(["--errors"]).stdout == """
        → main()
          → Parser.parse(text: "1+x")
            → Parser.token("x") ↯ BadToken("x") [propagated]
            ↯ Parser.parse(text: "1+x") BadToken("x") [caught]
          ← Parser.parse(text: "1+x") → nil
        ← main()

        """)
  }

  @Test func excludedCallsLeaveTheirCalleesOneLevelUp() throws {
    #expect(
      try print(["--exclude", "Parser.p*", "--exclude", "main"]).stdout == """
        → Parser.token("x") ↯ BadToken("x") [propagated]
        → add(2, y: 3)
          → add(1, y: 3) → 4
        ← add(2, y: 3) → 5

        """)
    #expect(
      try print(["--include", "add", "--include", "*.token"]).stdout == """
        → Parser.token("x") ↯ BadToken("x") [propagated]
        → add(2, y: 3)
          → add(1, y: 3) → 4
        ← add(2, y: 3) → 5

        """)
  }

  @Test func depthCutsTheTree() throws {
    let result = try print(["--depth", "1"])
    #expect(result.stdout == "→ main()\n")
    #expect(try print(["--depth", "0"], expectedStatus: 64).status == 64)
  }

  @Test func colorIsOptional() throws {
    #expect(try print(["--color", "always"]).stdout.contains("\u{1B}["))
    #expect(!(try print(["--color", "never"]).stdout.contains("\u{1B}[")))
    #expect(!(try print([]).stdout.contains("\u{1B}[")))  // a pipe is not a terminal
  }

  @Test func aTruncatedTracePrintsItsPrefixThenOneErrorLine() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bytes = try CLITraces.binary(Self.events)
    let cut = Array(bytes.dropLast(4))
    let trace = try CLITraces.write(cut, "cut.ftrace", in: dir)
    let result = try CLIRunner.run(["print", trace], expectedStatus: 1)
    let decoded = DecodedTrace(binary: cut, source: trace)
    #expect(decoded.error != nil)
    #expect(result.status == 1)
    #expect(result.stdout == TreeTextPrinter.render(decoded.events))
    #expect(result.stderr == "flowtrace: \(decoded.error?.description ?? "?")\n")
  }
}
