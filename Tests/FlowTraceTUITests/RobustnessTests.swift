import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

@Suite struct RobustnessTests {
  /// Every size from 1×1 to 30×12 (and a few large ones), with the detail pane, the help
  /// overlay and a prompt open: nothing crashes and nothing is drawn outside the screen.
  @Test func everySmallSizeRenders() throws {
    let app = try SampleTrace.app()
    for key in [Key.char("j"), .char("j"), .tab, .char("]")] { app.handle(key) }
    var modes: [[Key]] = [[], [.char("?")], [.escape, .char("/")]]
    modes.append([.escape, .escape, .char("o"), .char("o")])
    for keys in modes {
      for key in keys { app.handle(key) }
      for rows in 1...12 {
        for cols in 1...30 {
          let frame = ScreenBuffer(rows: rows, cols: cols)
          app.render(into: frame)
          #expect(
            frame.text().split(separator: "\n", omittingEmptySubsequences: false).count == rows)
        }
      }
      for (rows, cols) in [(6, 20), (40, 120), (60, 250)] {
        app.render(into: ScreenBuffer(rows: rows, cols: cols))
      }
    }
  }

  @Test func resizeKeepsTheCursorVisible() throws {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 40, cols: 120, keys: [.char("G")])
    let small = app.screen(rows: 6, cols: 20)
    // 3 tree rows: the cursor (the last row) is the last of them.
    #expect(app.state.scroll == app.state.cursor - 2)
    #expect(small.line(3).contains("3 events") || small.line(3).contains("⚠"))
  }

  /// No cell of any screen holds a control character, whatever the trace says.
  @Test func escapeSequencesNeverReachTheScreen() throws {
    let app = try SampleTrace.app()
    for key in [Key.char("j")] + Array(repeating: .char("]"), count: 6) + [.char("?")] {
      app.handle(key)
      let frame = ScreenBuffer(rows: 30, cols: 120)
      app.render(into: frame)
      for cell in frame.cells {
        #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
      }
      #expect(frame.text().contains("\\e[31m") || key == .char("?"))
    }
  }

  @Test func emptyTraceShowsAMessage() throws {
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(
      document: TraceDocument(source: "empty.jsonl", events: [.end]),
      context: RenderContext(theme: theme, ascii: false))
    let screen = app.screen(rows: 6, cols: 40, keys: [.char("j"), .char("x"), .char("/")])
    #expect(screen.line(4).contains("0/0"))
    app.handle(.escape)
    app.handle(.char("L"))
    #expect(app.screen(rows: 6, cols: 40).line(5) == "nothing to show")
  }

  @Test func hugeValuesAreClippedInRowsAndWrappedInTheDetailPane() throws {
    let big = String(repeating: "ab\u{1B}", count: 2_000)
    let events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "load", labels: ["_"], file: "f.swift", line: 1)),
      .thread(ThreadInfo(id: 1, name: "main")),
      .call(
        CallStart(
          id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
          args: [big])),
      .return(CallEnd(id: 1, timestamp: nil, result: nil)), .end,
    ]
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(
      document: TraceDocument(source: "big", events: events),
      context: RenderContext(theme: theme, ascii: false))
    let builder = TreeRowBuilder(
      tree: app.document.tree, outline: app.state.outline, context: app.state.context, width: 80)
    let row = builder.row(for: 1)
    let value = try #require(row.segments.first { $0.area == .args })
    #expect(value.text.hasSuffix("…"))
    #expect(value.text.count < 1_200 * 3)
    let screen = app.screen(rows: 30, cols: 120, keys: [.char("j")])
    let pane = try #require(app.state.layout(for: screen.size).detail)
    let lines = screen.text(of: pane).split(separator: "\n").map(String.init)
    #expect(lines[1] == " #1:")
    #expect(lines[2].hasPrefix("   ab\\eab\\e"))
    #expect(lines.count == pane.rows)
    #expect(lines.last?.hasPrefix("   ") == true)
  }
}
