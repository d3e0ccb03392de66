import FlowTraceExplorer
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

/// The explorer's diff view on the sample trace and a changed copy of it.
@Suite struct DiffViewTests {
  /// The sample with `fib(1)`'s first result changed and one more call under `main`.
  static func changedEvents() -> [TraceEvent] {
    var events = SampleTrace.events
    var changed = false
    for (k, event) in events.enumerated() {
      switch event {
      case .return(var end):
        if !changed && end.result == "1" {
          end.result = "7"
          changed = true
        }
        if end.id == 10 { end.id = 11 }
        events[k] = .return(end)
      case .call(var start) where start.id == 10:
        start.id = 11  // call ids ascend: the new call takes 10
        events[k] = .call(start)
      case .loss(var loss) where loss.parent == 10:
        loss.parent = 11
        events[k] = .loss(loss)
      default: break
      }
    }
    let last = events.lastIndex {
      if case .return(let end) = $0, end.id == 1 { return true }
      return false
    }
    events.insert(
      contentsOf: [
        .call(
          CallStart(
            id: 10, parent: 1, site: 2, thread: 1, task: 0, flags: [.args, .result], timestamp: nil,
            args: ["9"])),
        .return(CallEnd(id: 10, timestamp: nil, result: "34")),
      ], at: last ?? events.count)
    return events
  }

  func app() throws -> ExplorerApp {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diff-view-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var encoder = TraceEncoder()
    encoder.header(SampleTrace.header)
    for event in Self.changedEvents() { try encoder.encode(event) }
    let path = dir.appendingPathComponent("b.ftrace").path
    try Data(encoder.takeBytes()).write(to: URL(fileURLWithPath: path))
    let app = try SampleTrace.app()
    #expect(app.compare(with: path) == nil)
    return app
  }

  @Test func marksJumpsAndBothSides() throws {
    let app = try app()
    let diff = try #require(app.state.diff)
    #expect(diff.differences.count == 2)
    let screen = app.screen(rows: 24, cols: 120)
    let text = (0..<24).map { screen.line($0) }.joined(separator: "\n")
    #expect(text.contains("sample.ftrace ⇢ b.ftrace"))
    #expect(text.contains("~ fib(1) → 1  ⇢  → 7"))
    #expect(text.contains("+ fib(9) → 34"))
    // The cursor starts on the first difference; the detail pane shows both sides.
    #expect(app.state.currentNode.map { diff.mark(of: $0) } == .changed)
    #expect(text.contains("Diff: changed: result"))
    #expect(text.contains("B: fib(1) → 7"))
    app.handle(.char("d"))
    #expect(app.state.currentNode.map { diff.mark(of: $0) } == .added)
    app.handle(.char("d"))
    #expect(app.state.currentNode.map { diff.mark(of: $0) } == .changed)
    app.handle(.char("D"))
    #expect(app.state.currentNode.map { diff.mark(of: $0) } == .added)
    // Differences only: the two differences and the calls above them.
    app.handle(.char("v"))
    #expect(app.state.outline.rowCount < app.document.tree.count)
    for row in 0..<app.state.outline.rowCount {
      let node = app.state.outline.node(atRow: row)
      #expect(diff.mark(of: node) != .same, "\(app.document.tree.rowText(of: node))")
    }
    app.handle(.char("v"))
    #expect(app.state.outline.rowCount == app.document.tree.count)
  }

  @Test func diffAreasAreStyledInEveryTheme() throws {
    for name in ["default", "light", "solarized-dark", "mono", "high-contrast"] {
      let theme = try ThemeLoader.load(name, directories: [themesDirectory])
      for area in [ThemeArea.diffAdded, .diffRemoved, .diffChanged, .diffContext] {
        #expect(theme.styles[area] != nil, "\(name) lacks \(area.rawValue)")
      }
      #expect(theme.style(.diffAdded) != theme.style(.diffRemoved), "\(name)")
    }
  }

  @Test func withoutASecondTraceTheKeysSaySo() throws {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 12, cols: 80)
    app.handle(.char("d"))
    #expect(app.screen(rows: 12, cols: 80).line(11).contains("no second trace"))
    app.handle(.char("c"))
    app.type("/nonexistent/trace.ftrace")
    app.handle(.enter)
    #expect(app.state.diff == nil)
    #expect(app.screen(rows: 12, cols: 80).line(11).contains("/nonexistent/trace.ftrace"))
  }
}
