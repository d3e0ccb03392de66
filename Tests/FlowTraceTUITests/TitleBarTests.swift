import Testing

@testable import FlowTraceTUI

/// The title bar at 120 columns: the summary keeps its room, a long mode gives way.
@Suite struct TitleBarTests {
  let context = RenderContext(theme: Theme(name: "t"), ascii: false)

  private func drawn(_ bar: TitleBar, cols: Int = 120) -> String {
    let screen = ScreenBuffer(rows: 1, cols: cols)
    bar.draw(into: screen, rect: Rect(row: 0, col: 0, rows: 1, cols: cols), context: context)
    return screen.text(of: Rect(row: 0, col: 0, rows: 1, cols: cols))
  }

  @Test func aLongSocketPathDoesNotHideHowProgramsEnded() {
    let summary = "12,345 calls · 3 programs, 1 running, 1 exited, 1 killed"
    let line = drawn(
      TitleBar(
        source: "flowtrace-live.sock", summary: summary,
        mode: "LIVE FOLLOW · FLOWTRACE_SOCKET=/tmp/a/rather/long/directory/for/sockets/"
          + "flowtrace-live-4242.sock",
        filter: ""))
    #expect(line.contains(summary))
    #expect(line.contains("LIVE FOLLOW"))
    #expect(line.contains("…"))
  }

  @Test func aShortTitleShowsEverything() {
    let line = drawn(
      TitleBar(source: "a.sock", summary: "4 calls", mode: "LIVE FOLLOW · x", filter: ""))
    #expect(line.contains(" a.sock  4 calls"))
    #expect(line.hasSuffix(" LIVE FOLLOW · x"))
  }

  /// A summary wider than the bar still leaves the mode a quarter of it.
  @Test func theModeKeepsAQuarter() {
    let line = drawn(
      TitleBar(
        source: "s", summary: String(repeating: "x", count: 200), mode: "LIVE FOLLOW · path",
        filter: ""))
    #expect(line.contains("LIVE FOLLOW"))
  }
}
