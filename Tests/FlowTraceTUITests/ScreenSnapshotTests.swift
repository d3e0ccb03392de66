import Testing

@testable import FlowTraceTUI

/// Whole-screen snapshots of the explorer on the sample trace.
@Suite struct ScreenSnapshotTests {
  @Test func treeWithDetailPaneOnTheRight() throws {
    let app = try SampleTrace.app()
    expectScreen(
      app.screen(rows: 16, cols: 110),
      """
       sample.ftrace  demo [pid 4242] · 10 calls · 2 threads
      ▾ thread 1 main                                                  │ Args Result Timing Exception Thread Source
      └ ▾ main() ↯ caught BadInput                             2.00 ms │ Root: thread 1 main
        ├ ▾ fib(3) → 2                                          900 ns │ Thread id: 1
        │ ├ ▾ fib(2) → 1                                        500 ns │ Program: /usr/bin/demo
        │ │ ├   fib(1) → 1                                      100 ns │ Pid: 4242
        │ │ └   fib(0) → 0                                      100 ns │
        │ └   fib(1) → 1                                        100 ns │
        ├ ▾ Parser.parse(text: "a\\e[31mb\\x07") ↯ BadInput      50.9 µs │
        │ └   Parser.validate(-1) ↯ BadInput                   50.0 µs │
        └   greet(name: "日本語") → "こんにちは 日本語"        1.00 µs │
      ▾ thread 2 worker                                                │
      └ ▾ ⧗7 fib(1) → 1                                         500 ns │
        └   ⚠ 3 events lost                                            │
       thread 1 main                                                                                       1/13  7%
      ? help  / search  \\ filter  Tab detail  q quit
      """, "tree-wide")
  }

  @Test func narrowTerminalPutsDetailBelow() throws {
    let app = try SampleTrace.app()
    expectScreen(
      app.screen(rows: 24, cols: 60, keys: [.char("j")]),
      """
       sample.ftrace  demo [pid 4242] · 10 calls · 2 threads
      ▾ thread 1 main
      └ ▾ main() ↯ caught BadInput                        2.00 ms
        ├ ▾ fib(3) → 2                                     900 ns
        │ ├ ▾ fib(2) → 1                                   500 ns
        │ │ ├   fib(1) → 1                                 100 ns
        │ │ └   fib(0) → 0                                 100 ns
        │ └   fib(1) → 1                                   100 ns
        ├ ▾ Parser.parse(text: "a\\e[31mb\\x07") ↯ BadInp…  50.9 µs
        │ └   Parser.validate(-1) ↯ BadInput              50.0 µs
        └   greet(name: "日本語") → "こんにちは 日本語"   1.00 µs
      ▾ thread 2 worker
      └ ▾ ⧗7 fib(1) → 1                                    500 ns
        └   ⚠ 3 events lost
       Args Result Timing Exception Thread/Task Source
       no arguments






       thread 1 main › main                             2/13  15%
      ? help  / search  \\ filter  Tab detail  q quit
      """, "tree-narrow")
  }

  @Test func tinyTerminal20x6() throws {
    let app = try SampleTrace.app()
    expectScreen(
      app.screen(rows: 6, cols: 20, keys: [.char("j"), .char("j")]),
      """
       sample.ftrace  dem…
      ▾ thread 1 main
      └ ▾ main() ↯ caught…
        ├ ▾ fib(3) → 2
       … › fib  3/13  23%
      ? help  / search  \\…
      """, "tiny")
  }

  @Test func asciiMode() throws {
    let app = try SampleTrace.app(ascii: true)
    expectScreen(
      app.screen(rows: 16, cols: 80, keys: [.char("p")]),
      """
       sample.ftrace  demo [pid 4242] - 10 calls - 2 threads
      v thread 1 main
      `-v main() ! caught BadInput                                            2.00 ms
        |-v fib(3) -> 2                                                        900 ns
        | |-v fib(2) -> 1                                                      500 ns
        | | |-  fib(1) -> 1                                                    100 ns
        | | `-  fib(0) -> 0                                                    100 ns
        | `-  fib(1) -> 1                                                      100 ns
        |-v Parser.parse(text: "a\\e[31mb\\x07") ! BadInput                     50.9 us
        | `-  Parser.validate(-1) ! BadInput                                  50.0 us
        `-  greet(name: "\\u{65e5}\\u{672c}\\u{8a9e}") -> "\\u{3053}\\u{3093}\\u{~  1.00 us
      v thread 2 worker
      `-v &7 fib(1) -> 1                                                       500 ns
        `-  !! 3 events lost
       thread 1 main                                                         1/13  7%
      ? help  / search  \\ filter  Tab detail  q quit
      """, "ascii")
  }

  @Test(arguments: DetailTab.allCases)
  func detailTab(tab: DetailTab) throws {
    let app = try SampleTrace.app()
    // Cursor on Parser.parse (row 8), then cycle to the tab.
    var keys: [Key] = Array(repeating: .char("j"), count: 7)
    keys += Array(repeating: .char("]"), count: tab.rawValue)
    let screen = app.screen(rows: 14, cols: 120, keys: keys)
    let pane = try #require(app.state.layout(for: screen.size).detail)
    let region = ScreenBuffer(rows: pane.rows, cols: pane.cols)
    for r in 0..<pane.rows {
      for c in 0..<pane.cols { region[r, c] = screen[pane.row + r, pane.col + c] }
    }
    expectScreen(region, Self.detailSnapshots[tab] ?? "", "detail-\(tab)")
  }

  static let detailSnapshots: [DetailTab: String] = [
    .args: """
     Args Result Timing Exception Thread Source
     text: "a\\e[31mb\\x07"









    """,
    .result: """
     Args Result Timing Exception Thread Source
     Threw: BadInput









    """,
    .timing: """
     Args Result Timing Exception Thread Source
     Start: +1.10 µs from trace start
     Duration: 50.9 µs
     Self time: 900 ns
     Of parent: 2.5%
     Of total: 2.5%

     Function Parser.parse
     Calls: 1
     Total: 50.9 µs
     Self total: 900 ns
    """,
    .exception: """
     Args Result Timing Exception Thread Source
     Type: BadInput
     Description: BadInput(value: -1)
     Here: propagated (thrown out)

     Chain (Enter jumps):
     thrown in    Parser.validate(-1)
     through      Parser.parse(text: "a\\e[31mb\\x07"…
     caught in    main()


    """,
    .thread: """
     Args Result Timing Exception Thread Source
     Thread: 1 main
     Task: none (synchronous code)
     Program: /usr/bin/demo [pid 4242]







    """,
    .source: """
     Args Result Timing Exception Thread Source
     Function: Parser.parse
     Location: App/Parser.swift:10








    """,
  ]

  @Test func helpOverlayListsKeys() throws {
    let app = try SampleTrace.app()
    expectScreen(
      app.screen(rows: 20, cols: 70, keys: [.char("?")]),
      """
       samp┌─ Keys (q/Esc closes) ────────────────────────────────────┐
      ▾ thr│ Move                                                     │
      └ ▾ m│   j ↓         next row                                   │0 ms
        ├ ▾│   k ↑         previous row                               │0 ns
        │ ├│   PgDn Ctrl-F page down                                  │0 ns
        │ ││   PgUp Ctrl-B page up                                    │0 ns
        │ ││   Ctrl-D      half page down                             │0 ns
        │ └│   Ctrl-U      half page up                               │0 ns
        ├ ▾│   g Home      first row                                  │9 µs
        │ └│   G End       last row                                   │0 µs
        └  │   z           centre the cursor row                      │0 µs
      ▾ thr│                                                          │
       Args│ Fold                                                     │
       Root│   h ←         collapse, or go to parent                  │
       Thre│   l →         expand, or go to first child               │
       Prog│   Space       toggle fold                                │
       Pid:│   E           expand all                                 │
           │   C           collapse all                               │
       thre│   1-9         expand to depth N                          │  7%
      ? hel└──────────────────────────────────────────────────────────┘
      """, "help")
  }

  @Test func filterPrompt() throws {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 12, cols: 90)
    app.handle(.char("\\"))
    app.type("fib >150ns")
    expectScreen(
      app.screen(rows: 12, cols: 90),
      """
       sample.ftrace  demo [pid 4242] · 10 calls · 2 threads
      ▾ thread 1 main
      └ ▾ main() ↯ caught BadInput                                                      2.00 ms
        ├ ▾ fib(3) → 2                                                                   900 ns
        │ ├ ▾ fib(2) → 1                                                                 500 ns
        │ │ ├   fib(1) → 1                                                               100 ns
        │ │ └   fib(0) → 0                                                               100 ns
        │ └   fib(1) → 1                                                                 100 ns
        ├ ▾ Parser.parse(text: "a\\e[31mb\\x07") ↯ BadInput                               50.9 µs
        │ └   Parser.validate(-1) ↯ BadInput                                            50.0 µs
       thread 1 main                                                                   1/13  7%
      filter: fib >150ns
      """, "filter-prompt")
    app.handle(.enter)
    expectScreen(
      app.screen(rows: 12, cols: 90),
      """
       sample.ftrace  demo [pid 4242] · 10 calls · 2 threads           filter: fib >150ns  4/10
      ▾ thread 1 main
      └ ▾ main() ↯ caught BadInput                                                      2.00 ms
        └ ▾ fib(3) → 2                                                                   900 ns
          └ ▾ fib(2) → 1                                                                 500 ns
      ▾ thread 2 worker
      └ ▾ ⧗7 fib(1) → 1                                                                  500 ns
        └   ⚠ 3 events lost


       thread 1 main                                                                   1/7  14%
      filter: 4 of 10 calls
      """, "filter-applied")
  }

  @Test func searchHighlightAndCounter() throws {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 12, cols: 90)
    app.handle(.char("/"))
    app.type("bad")
    app.handle(.enter)
    let screen = app.screen(rows: 12, cols: 90)
    // "Bad" in main's caught error is highlighted, even on the cursor row.
    let col = try #require(Array(screen.line(2)).firstIndex(of: "B"))
    for c in col..<(col + 3) { #expect(screen[2, c].style == app.state.context.style(.match)) }
    #expect(screen[2, col + 3].style != app.state.context.style(.match))
    expectScreen(
      screen,
      """
       sample.ftrace  demo [pid 4242] · 10 calls · 2 threads
      ▾ thread 1 main
      └ ▾ main() ↯ caught BadInput                                                      2.00 ms
        ├ ▾ fib(3) → 2                                                                   900 ns
        │ ├ ▾ fib(2) → 1                                                                 500 ns
        │ │ ├   fib(1) → 1                                                               100 ns
        │ │ └   fib(0) → 0                                                               100 ns
        │ └   fib(1) → 1                                                                 100 ns
        ├ ▾ Parser.parse(text: "a\\e[31mb\\x07") ↯ BadInput                               50.9 µs
        │ └   Parser.validate(-1) ↯ BadInput                                            50.0 µs
       thread 1 main › main                                                    [1/3]  2/13  15%
      ? help  / search  \\ filter  Tab detail  q quit
      """, "search")
  }
}
