import FlowTraceExplorer
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

/// `flowtrace-tui A --diff B` on two binary traces: the merged tree comes from the streaming
/// diff (only what differs built, alike subtrees folded into their top call) and the view
/// shows the same differences as the merged tree of the whole traces.
@Suite struct DiffViewStreamingTests {
  /// `main` → 200 × `run(i)` → `fib(5)` → `fib(4)`; `changed`: run 100's `fib(4)` returns 4.
  static func events(changed: Bool) -> [TraceEvent] {
    var events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "m.swift", line: 1)),
      .callSite(CallSite(id: 2, qualifiedName: "run", labels: ["_"], file: "m.swift", line: 5)),
      .callSite(CallSite(id: 3, qualifiedName: "fib", labels: ["_"], file: "m.swift", line: 9)),
      .thread(ThreadInfo(id: 1, name: "main")),
    ]
    var id: UInt64 = 0
    var clock: UInt64 = changed ? 7 : 0
    func call(_ site: UInt32, _ parent: UInt64?, _ args: [String]) -> UInt64 {
      id += 1
      clock += 10
      events.append(
        .call(
          CallStart(
            id: id, parent: parent, site: site, thread: 1, task: 0,
            flags: [.args, .result, .timing], timestamp: clock, args: args)))
      return id
    }
    func ret(_ id: UInt64, _ result: String?) {
      clock += 10
      events.append(.return(CallEnd(id: id, timestamp: clock, result: result)))
    }
    let main = call(1, nil, [])
    for i in 0..<200 {
      let run = call(2, main, ["\(i)"])
      let outer = call(3, run, ["5"])
      let inner = call(3, outer, ["4"])
      ret(inner, changed && i == 100 ? "4" : "3")
      ret(outer, "5")
      ret(run, "0")
    }
    ret(main, nil)
    events.append(.end)
    return events
  }

  static func write(_ events: [TraceEvent], _ name: String, in dir: URL) throws -> String {
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 1, program: "demo", arguments: [], startWallNanos: 0))
    for event in events { try encoder.encode(event) }
    let path = dir.appendingPathComponent(name).path
    try Data(encoder.takeBytes()).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func open(changed: Bool) throws -> (ExplorerApp, whole: MergedDiff) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diff-stream-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try write(events(changed: false), "a.ftrace", in: dir)
    let b = try write(events(changed: changed), "b.ftrace", in: dir)
    guard
      case .success(let app) = Launcher.prepare(
        LaunchOptions(path: a, diff: b), utf8Locale: true, themeDirectories: [themesDirectory])
    else { throw CancellationError() }
    let whole = MergedDiff(
      try TraceDocument.load(path: a).tree, try TraceDocument.load(path: b).tree)
    return (app, whole)
  }

  @Test func onlyTheDifferenceIsBuiltAndShownAsInTheWholeTrees() throws {
    let (app, whole) = try Self.open(changed: true)
    let diff = try #require(app.state.diff)
    #expect(diff.isPruned)
    // main, 200 runs (199 folded), run 100's fib(5) and fib(4), and the thread.
    #expect(diff.tree.count < 210, "\(diff.tree.count) nodes")
    #expect(whole.tree.count > 600)
    // The same differences, with the same text on both sides.
    func texts(_ d: MergedDiff) -> [String] {
      d.differences.map { node in
        let (a, b) = d.sides(of: node)
        return "\(d.mark(of: node)) \(a.map { d.text(of: $0, inB: false) } ?? "") ⇢ "
          + (b.map { d.text(of: $0, inB: true) } ?? "")
      }
    }
    #expect(texts(diff) == texts(whole))
    #expect(texts(diff).count == 1)
    let screen = app.screen(rows: 30, cols: 120)
    let text = (0..<30).map { screen.line($0) }.joined(separator: "\n")
    #expect(text.contains("~ fib(4) → 3  ⇢  → 4"))
    #expect(text.contains("1 difference: d/D next/previous"))
    #expect(text.contains("run(99) → 0  … 2 identical calls"))
    #expect(text.contains("Diff: changed: result"))
    // Differences only: the changed call and the calls above it.
    app.handle(.char("v"))
    #expect(app.state.outline.rowCount == 5)
    app.handle(.char("v"))
    app.handle(.char("d"))
    #expect(app.state.currentNode.map { diff.mark(of: $0) } == .changed)
  }

  @Test func identicalTracesShowTheirTopCallFolded() throws {
    let (app, whole) = try Self.open(changed: false)
    let diff = try #require(app.state.diff)
    #expect(diff.differences.isEmpty && whole.differences.isEmpty)
    #expect(diff.tree.count == 2, "the thread and main")
    let screen = app.screen(rows: 12, cols: 120)
    let text = (0..<12).map { screen.line($0) }.joined(separator: "\n")
    #expect(text.contains("main()  … 600 identical calls"))
    #expect(text.contains("no differences"))
  }
}
