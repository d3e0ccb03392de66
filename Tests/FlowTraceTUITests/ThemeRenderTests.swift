import Testing

@testable import FlowTraceTUI

/// The attributes each theme gives the screen's areas, checked on a rendered frame.
@Suite struct ThemeRenderTests {
  /// Style runs of the title, the cursor row (row 2), a plain row and the status line.
  func runs(theme: String, attributesOnly: Bool = false) throws -> [String] {
    let app = try SampleTrace.app(theme: theme)
    if attributesOnly { app.state.context.theme = app.state.context.theme.attributesOnly() }
    let screen = app.screen(rows: 8, cols: 40, keys: [.char("j"), .char("p")])
    return [0, 2, 3, 6].map { "\($0): " + screen.styleRuns($0).joined(separator: " | ") }
  }

  @Test func monoUsesAttributesOnly() throws {
    let r = try runs(theme: "mono")
    #expect(
      r == [
        "0: 0-39 reverse",
        "2: 0-1 dim reverse | 2-7 reverse | 8-9 dim reverse | 10-27 bold reverse | 28-29 reverse | 30-38 dim reverse | 39-39 reverse",
        "3: 0-3 dim | 4-8 normal | 9-9 dim | 10-10 normal | 11-14 dim | 15-29 normal | 30-38 dim | 39-39 normal",
        "6: 0-39 reverse",
      ])
  }

  @Test func defaultThemeColours() throws {
    let r = try runs(theme: "default")
    #expect(
      r == [
        "0: 0-39 bold fg=7 bg=4",
        "2: 0-1 normal fg=0 bg=6 | 2-2 bold fg=0 bg=6 | 3-3 normal fg=0 bg=6 | 4-7 bold fg=0 bg=6 | 8-9 normal fg=0 bg=6 | 10-27 bold fg=0 bg=6 | 28-39 normal fg=0 bg=6",
        "3: 0-3 normal fg=8 bg=default | 4-4 bold fg=6 bg=default | 5-5 normal | 6-8 bold | 9-9 normal fg=8 bg=default | 10-10 normal fg=6 bg=default | 11-14 normal fg=8 bg=default | 15-15 normal fg=2 bg=default | 16-29 normal | 30-38 normal fg=3 bg=default | 39-39 normal",
        "6: 0-39 normal fg=0 bg=6",
      ])
  }

  @Test func noColorKeepsCursorAndBarsVisible() throws {
    let r = try runs(theme: "default", attributesOnly: true)
    #expect(
      r == [
        "0: 0-39 bold reverse",
        "2: 0-1 dim reverse | 2-2 bold reverse | 3-3 reverse | 4-7 bold reverse | 8-9 dim reverse | 10-27 bold reverse | 28-29 reverse | 30-38 dim reverse | 39-39 reverse",
        "3: 0-3 dim | 4-4 bold | 5-5 normal | 6-8 bold | 9-9 dim | 10-10 normal | 11-14 dim | 15-29 normal | 30-38 dim | 39-39 normal",
        "6: 0-39 reverse",
      ])
  }

  @Test(arguments: ["light", "solarized-dark", "high-contrast"])
  func otherThemesStyleCursorTitleAndStatus(theme: String) throws {
    let app = try SampleTrace.app(theme: theme)
    let screen = app.screen(rows: 8, cols: 40, keys: [.char("j"), .char("p")])
    let loaded = app.state.context.theme
    #expect(screen[0, 0].style == loaded.style(.title))
    #expect(screen[2, 39].style == loaded.style(.cursor))
    #expect(screen[6, 39].style == loaded.style(.status))
    #expect(screen[3, 39].style == loaded.style(.tree))
  }
}
