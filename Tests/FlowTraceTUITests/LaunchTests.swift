import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

@Suite struct LaunchTests {
  let dir: URL

  init() throws {
    dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowtrace-tui-launch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func prepare(_ path: String, theme: String = "default", filter: String? = nil)
    -> Result<ExplorerApp, Launcher.Failure>
  {
    Launcher.prepare(
      LaunchOptions(path: path, theme: theme, filter: filter), utf8Locale: true,
      themeDirectories: [themesDirectory])
  }

  @Test func binaryTraceOpens() throws {
    let path = try write("sample.ftrace", try SampleTrace.binary())
    let document = try TraceDocument.load(path: path)
    #expect(document.tree.callCount == 10)
    #expect(document.problem == nil)
    #expect(document.header?.program == "/usr/bin/demo")
  }

  @Test func jsonLinesTraceOpens() throws {
    let text = """
      {"type":"header","version":1,"pid":7,"program":"hand"}
      {"type":"site","id":1,"name":"fib","labels":["_"]}
      {"type":"thread","id":1,"name":"main"}
      {"type":"call","id":1,"site":1,"thread":1,"collect":["args","result"],"args":["2"]}
      {"type":"return","id":1,"result":"1"}
      {"type":"end"}

      """
    let path = try write("hand.jsonl", Array(text.utf8))
    let app = try prepare(path).get()
    let screen = app.screen(rows: 6, cols: 40)
    #expect(screen.line(2) == "└   fib(2) → 1")
  }

  @Test func truncatedTraceOpensItsPrefixWithAMessage() throws {
    let bytes = try SampleTrace.binary()
    // Cut inside the last record (the 2-byte end record).
    let path = try write("cut.ftrace", Array(bytes.dropLast(1)))
    let app = try prepare(path).get()
    #expect(app.document.tree.callCount == 10)
    let screen = app.screen(rows: 10, cols: 120)
    #expect(screen.line(9).hasPrefix("trace stopped early: \(path): byte \(bytes.count - 2)"))
    // A resize keeps the message.
    app.handle(.resize)
    #expect(app.screen(rows: 8, cols: 120).line(7).hasPrefix("trace stopped early: "))
    // Cut after a complete record: no error, but the missing end is reported.
    let noEnd = try write("noend.ftrace", Array(bytes.dropLast(2)))
    let second = try prepare(noEnd).get()
    #expect(
      second.screen(rows: 10, cols: 120).line(9)
        == "the trace has no end record: the program stopped before finishing")
  }

  @Test func notATraceFailsBeforeCurses() throws {
    let path = try write("notes.txt", Array("hello, world\n".utf8))
    guard case .failure(let failure) = prepare(path) else {
      Issue.record("a text file opened as a trace")
      return
    }
    #expect(failure.status == 1)
    #expect(failure.message.hasPrefix("not a FlowTrace trace: \(path): byte 0"))
    #expect(!failure.message.contains("\n"))
  }

  @Test func emptyAndMissingFilesFail() throws {
    let empty = try write("empty.ftrace", [])
    guard case .failure(let a) = prepare(empty) else {
      Issue.record("an empty file opened")
      return
    }
    #expect(a.message == "\(empty): empty file, not a FlowTrace trace")
    let missing = dir.appendingPathComponent("nope.ftrace").path
    guard case .failure(let b) = prepare(missing) else {
      Issue.record("a missing file opened")
      return
    }
    #expect(b.message == "\(missing): No such file or directory")
  }

  @Test func badThemeAndBadFilterFailWithStatus2() throws {
    let path = try write("sample.ftrace", try SampleTrace.binary())
    guard case .failure(let theme) = prepare(path, theme: "nonesuch") else {
      Issue.record("an unknown theme loaded")
      return
    }
    #expect(theme.status == 2)
    #expect(theme.message.hasPrefix("theme nonesuch: no such theme"))
    guard case .failure(let filter) = prepare(path, filter: ">fast") else {
      Issue.record("a bad filter was accepted")
      return
    }
    #expect(filter.status == 2)
    #expect(filter.message == "--filter: column 2: expected a number after '>' in '>fast'")
    let ok = try prepare(path, filter: "fib depth:3").get()
    #expect(ok.state.outline.filter?.source == "fib depth:3")
  }

  @Test func runnerDrivesTheAppOnAScriptedTerminal() throws {
    let path = try write("sample.ftrace", try SampleTrace.binary())
    let app = try prepare(path).get()
    let terminal = ScreenBuffer(rows: 10, cols: 60)
    terminal.pendingKeys = [.char("j"), .ctrl("z"), .char("j"), .char("h"), .char("q")]
    Runner.run(app, on: terminal)
    #expect(app.shouldQuit)
    #expect(terminal.suspensions == 1)
    #expect(terminal.line(3) == "  ├ ▸ fib(3) → 2                                     900 ns")
    #expect(terminal.line(8) == " thread 1 main › main › fib                        3/9  33%")
  }
}

extension LaunchTests {
  @Test func sourceTabShowsTheLinesAroundTheCallSite() throws {
    let source = dir.appendingPathComponent("Fib.swift").path
    let text = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
    try text.write(toFile: source, atomically: true, encoding: .utf8)
    let events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "fib", labels: ["_"], file: source, line: 5)),
      .thread(ThreadInfo(id: 1, name: "main")),
      .call(
        CallStart(
          id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
          args: ["1"])),
      .return(CallEnd(id: 1, timestamp: nil, result: nil)), .end,
    ]
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(
      document: TraceDocument(source: "src", events: events),
      context: RenderContext(theme: theme, ascii: false))
    let keys: [Key] = [.char("j"), .char("["), .char("o")]  // Source tab, pane on the right
    let screen = app.screen(rows: 24, cols: 80, keys: keys)
    let pane = try #require(app.state.layout(for: screen.size).detail)
    let lines = screen.text(of: pane).split(separator: "\n", omittingEmptySubsequences: false)
    let here = try #require(lines.firstIndex { $0.contains("→") }, "\(lines)")
    try #require(here >= 4 && here + 3 < lines.count, "\(lines)")
    #expect(lines[here] == "  → 5 line 5")
    #expect(lines[here - 3] == "    2 line 2")
    #expect(lines[here + 3] == "    8 line 8")
    #expect(lines[here - 4] == "")
  }
}
