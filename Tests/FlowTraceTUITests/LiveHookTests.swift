import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

@Suite struct LiveHookTests {
  func growingApp() throws -> (ExplorerApp, [TraceEvent]) {
    let events = SampleTrace.events
    let split = 20  // inside main: fib done, parse running
    var tree = CallTree()
    tree.append(contentsOf: events[..<split])
    let theme = try ThemeLoader.load("default", directories: [themesDirectory])
    let app = ExplorerApp(
      document: TraceDocument(source: "live", header: nil, tree: tree, problem: nil),
      context: RenderContext(theme: theme, ascii: false))
    return (app, Array(events[split...]))
  }

  @Test func followKeepsTheLastRowAndMovingUpPauses() throws {
    let (app, rest) = try growingApp()
    app.isLive = true
    app.modeText = "LIVE FOLLOW"
    _ = app.screen(rows: 12, cols: 100)
    app.handle(.char("F"))
    #expect(app.follow)
    app.updateTree { tree in tree.append(contentsOf: rest) }
    #expect(app.cursor == app.outline.rowCount - 1)
    #expect(app.outline.rowCount == 13)
    let screen = app.screen(rows: 12, cols: 100)
    #expect(screen.line(0).hasSuffix("LIVE FOLLOW"))
    app.handle(.char("k"))
    #expect(!app.follow)
  }

  @Test func withoutFollowTheCursorStaysOnItsCall() throws {
    let (app, rest) = try growingApp()
    app.isLive = true
    _ = app.screen(rows: 12, cols: 100, keys: [.char("j"), .char("j")])
    let node = app.currentNode
    app.updateTree { tree in tree.append(contentsOf: rest) }
    #expect(app.currentNode == node)
  }

  @Test func fileModeExplainsLiveKeys() throws {
    let app = try SampleTrace.app()
    let screen = app.screen(rows: 12, cols: 80, keys: [.char("F")])
    #expect(screen.line(11) == "follow mode is for live sessions")
    #expect(!app.follow)
  }
}
