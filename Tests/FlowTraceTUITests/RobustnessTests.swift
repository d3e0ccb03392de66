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
    #expect(app.scroll == app.cursor - 2)
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
}
