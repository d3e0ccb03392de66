import Testing

@testable import FlowTraceTUI

@Suite struct ScreenBufferTests {
  @Test func drawClipsAtEdgeAndKeepsWideCharactersWhole() {
    let screen = ScreenBuffer(rows: 2, cols: 6)
    screen.draw("ab日本語", row: 0, col: 0, style: .plain)
    screen.draw("xyz", row: 1, col: 4, style: .plain)
    #expect(screen.text() == "ab日本\n    xy")
    // A wide character that does not fit in the last cell leaves a blank, not half a glyph.
    screen.draw("abc日", row: 1, col: 0, style: .plain, maxWidth: 4)
    #expect(screen.line(1) == "abc xy")
  }

  @Test func controlCharactersNeverReachTheGrid() {
    let screen = ScreenBuffer(rows: 1, cols: 10)
    screen.draw("a\u{1B}b\u{07}", row: 0, col: 0, style: .plain)
    #expect(screen.line(0) == "a?b?")
  }

  @Test func styleRunsDescribeAttributes() {
    let screen = ScreenBuffer(rows: 1, cols: 6)
    screen.draw("ab", row: 0, col: 0, style: TextStyle(attrs: [.bold, .reverse]))
    screen.draw("cd", row: 0, col: 2, style: TextStyle(fg: .red, bg: .default))
    #expect(
      screen.styleRuns(0) == [
        "0-1 bold reverse", "2-3 normal fg=1 bg=default", "4-5 normal",
      ])
  }

  @Test func presenterWritesOnlyChangedCells() {
    let frame = ScreenBuffer(rows: 3, cols: 10)
    frame.draw("hello", row: 0, col: 0, style: .plain)
    frame.draw("world", row: 2, col: 0, style: .plain)
    let terminal = ScreenBuffer(rows: 3, cols: 10)
    let presenter = Presenter()
    #expect(presenter.present(frame, to: terminal) == 30)
    #expect(terminal.text() == frame.text())

    let next = frame.copy()
    next.draw("J", row: 2, col: 0, style: .plain)
    terminal.cellsWritten = 0
    #expect(presenter.present(next, to: terminal) == 1)
    #expect(terminal.cellsWritten == 1)
    #expect(terminal.text() == "hello\n\nJorld")

    // A resize sends the whole frame again.
    let bigger = ScreenBuffer(rows: 4, cols: 10)
    terminal.resize(rows: 4, cols: 10)
    #expect(presenter.present(bigger, to: terminal) == 40)
  }

  @Test func presenterNeverSplitsWideCharacters() {
    let frame = ScreenBuffer(rows: 1, cols: 8)
    frame.draw("日本語", row: 0, col: 0, style: .plain)
    let terminal = ScreenBuffer(rows: 1, cols: 8)
    let presenter = Presenter()
    presenter.present(frame, to: terminal)
    let next = frame.copy()
    next.draw("語", row: 0, col: 2, style: .plain)
    presenter.present(next, to: terminal)
    #expect(terminal.line(0) == "日語語")
  }
}
