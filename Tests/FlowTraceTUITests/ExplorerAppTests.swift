import FlowTraceExplorer
import Testing

@testable import FlowTraceTUI

/// Key actions on the sample trace, checked through the model and the status/message lines.
@Suite struct ExplorerAppTests {
  func app() throws -> ExplorerApp {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 12, cols: 80)
    return app
  }

  func name(_ app: ExplorerApp) -> String {
    app.state.currentNode.map { app.document.tree.rowText(of: $0) } ?? "-"
  }

  func messageText(_ app: ExplorerApp) -> String {
    app.screen(rows: 12, cols: 80).line(11)
  }

  @Test func movementAndPaging() throws {
    let app = try app()
    app.handle(.char("j"))
    #expect(name(app) == "main()")
    app.handle(.char("G"))
    #expect(name(app) == "⚠ 3 events lost")
    app.handle(.char("g"))
    #expect(app.state.cursor == 0)
    app.handle(.pageDown)  // 9 tree rows: 12 rows, no room for the detail pane below
    #expect(app.state.cursor == 9)
    app.handle(.ctrl("u"))
    #expect(app.state.cursor == 5)
    app.handle(.up)
    #expect(app.state.cursor == 4)
    app.handle(.char("k"))
    app.handle(.char("k"))
    app.handle(.char("k"))
    app.handle(.char("k"))
    #expect(app.state.cursor == 0)
  }

  @Test func foldingWithHAndL() throws {
    let app = try app()
    app.handle(.char("j"))
    app.handle(.char("j"))  // fib(3)
    #expect(name(app) == "fib(3) → 2")
    let rows = app.state.outline.rowCount
    app.handle(.char("h"))
    #expect(app.state.outline.rowCount == rows - 4)
    app.handle(.char("h"))  // already folded: go to parent
    #expect(name(app) == "main()")
    app.handle(.char("j"))
    app.handle(.char("l"))  // unfold
    #expect(app.state.outline.rowCount == rows)
    app.handle(.char("l"))  // first child
    #expect(name(app) == "fib(2) → 1")
    app.handle(.char(" "))
    #expect(app.state.outline.rowCount == rows - 2)
    app.handle(.enter)
    #expect(app.state.outline.rowCount == rows)
  }

  @Test func expandAllCollapseAllAndDepth() throws {
    let app = try app()
    app.handle(.char("G"))
    app.handle(.char("C"))
    #expect(app.state.outline.rowCount == 2)  // the two threads
    #expect(name(app) == "thread 2 worker")  // the cursor's nearest visible ancestor
    app.handle(.char("E"))
    #expect(app.state.outline.rowCount == 13)
    app.handle(.char("2"))
    // threads, their root calls, and the calls under them
    #expect(app.state.outline.rowCount == 8)
    #expect(messageText(app) == "expanded to depth 2")
  }

  @Test func treeNavigation() throws {
    let app = try app()
    for _ in 0..<3 { app.handle(.char("j")) }  // fib(2)
    app.handle(.char("H"))
    #expect(name(app) == "fib(3) → 2")
    app.handle(.char("J"))
    #expect(name(app) == "Parser.parse(text: \"a\u{1B}[31mb\u{07}\")")
    app.handle(.char("J"))
    #expect(name(app) == "greet(name: \"日本語\") → \"こんにちは 日本語\"")
    app.handle(.char("J"))
    #expect(messageText(app) == "no next sibling")
    app.handle(.char("K"))
    app.handle(.char("K"))
    #expect(name(app) == "fib(3) → 2")
    app.handle(.char("H"))
    app.handle(.char("L"))  // slowest child of main: parse (50.9 µs)
    #expect(name(app) == "Parser.parse(text: \"a\u{1B}[31mb\u{07}\")")
  }

  @Test func errorsForwardBackwardAndWrap() throws {
    let app = try app()
    app.handle(.char("x"))
    #expect(name(app) == "main()")
    app.handle(.char("x"))
    #expect(name(app).hasPrefix("Parser.parse"))
    app.handle(.char("x"))
    #expect(name(app) == "Parser.validate(-1)")
    app.handle(.char("x"))
    #expect(name(app) == "main()")
    #expect(messageText(app) == "error search wrapped to the top")
    app.handle(.char("X"))
    #expect(name(app) == "Parser.validate(-1)")
  }

  @Test func errorJumpRevealsFoldedSubtree() throws {
    let app = try app()
    app.handle(.char("C"))
    app.handle(.char("j"))
    app.handle(.char("x"))
    app.handle(.char("x"))
    app.handle(.char("x"))
    #expect(name(app) == "Parser.validate(-1)")
    // Both threads, main and its three children (main unfolded), validate under parse.
    #expect(app.state.outline.rowCount == 7)
  }

  @Test func searchCountsWrapsAndRevealsFoldedMatches() throws {
    let app = try app()
    app.handle(.char("C"))
    app.handle(.char("/"))
    app.type("fib")
    app.handle(.enter)
    // The first fib call is inside folded main: it is revealed.
    #expect(name(app) == "fib(3) → 2")
    #expect(app.screen(rows: 12, cols: 80).line(10).contains("[1/6]"))
    for _ in 0..<5 { app.handle(.char("n")) }
    #expect(name(app) == "fib(1) → 1")
    #expect(app.screen(rows: 12, cols: 80).line(10).contains("[6/6]"))
    app.handle(.char("n"))
    #expect(messageText(app) == "search wrapped to the top")
    #expect(app.screen(rows: 12, cols: 80).line(10).contains("[1/6]"))
    app.handle(.char("N"))
    #expect(messageText(app) == "search wrapped to the bottom")
    app.handle(.escape)
    #expect(app.state.search == nil)
    #expect(messageText(app) == "search cleared")
  }

  @Test func searchSmartCaseRegexAndErrors() throws {
    let app = try app()
    app.handle(.char("/"))
    app.type("Fib")
    app.handle(.enter)
    #expect(messageText(app) == "no match for 'Fib'")
    app.handle(.char("/"))
    app.type("re:^Parser\\.v")
    app.handle(.enter)
    #expect(app.state.search?.count == 1)
    #expect(name(app) == "Parser.validate(-1)")
    app.handle(.char("/"))
    app.type("re:(")
    app.handle(.enter)
    #expect(messageText(app).hasPrefix("search: invalid regular expression"))
    app.handle(.char("/"))
    app.type("こんにちは")
    app.handle(.enter)
    #expect(name(app).hasPrefix("greet"))
  }

  @Test func escapeCancelsPromptWithoutSearching() throws {
    let app = try app()
    app.handle(.char("/"))
    app.type("fib")
    app.handle(.escape)
    #expect(app.state.mode == .normal)
    #expect(app.state.search == nil)
    #expect(app.state.cursor == 0)
  }

  @Test func filterPromptAppliesClearsAndReportsErrors() throws {
    let app = try app()
    app.handle(.function(4))
    app.type("-fib err")
    app.handle(.enter)
    #expect(app.screen(rows: 12, cols: 80).line(0).contains("filter: -fib err  3/10"))
    #expect(app.state.outline.rowCount == 4)  // main thread, main, parse, validate; worker hidden
    app.handle(.char("\\"))
    // The prompt starts with the active filter; clear it and type a bad one.
    app.handle(.ctrl("u"))
    app.type("depth:x")
    app.handle(.enter)
    #expect(messageText(app) == "filter: column 7: expected a whole number in 'depth:x'")
    #expect(app.state.outline.filter?.source == "-fib err")
    app.handle(.char("\\"))
    app.handle(.ctrl("u"))
    app.handle(.enter)
    #expect(app.state.outline.filter == nil)
    #expect(messageText(app) == "filter cleared")
  }

  @Test func detailFocusScrollsTabsAndJumpsAlongTheChain() throws {
    let app = try SampleTrace.app()
    _ = app.screen(rows: 20, cols: 120)
    for _ in 0..<8 { app.handle(.char("j")) }  // validate
    #expect(name(app) == "Parser.validate(-1)")
    app.handle(.tab)
    #expect(app.state.focus == .detail)
    app.handle(.char("l"))  // next tab
    app.handle(.char("l"))
    app.handle(.char("l"))
    #expect(app.state.tab == .exception)
    app.handle(.char("j"))
    app.handle(.char("j"))  // caught in main()
    app.handle(.enter)
    #expect(name(app) == "main()")
    #expect(app.state.focus == .tree)
  }

  @Test func paneKeys() throws {
    let app = try SampleTrace.app()
    let wide = TerminalSize(rows: 20, cols: 120)
    _ = app.screen(rows: 20, cols: 120)
    let before = try #require(app.state.layout(for: wide).detail)
    app.handle(.char("+"))
    let wider = try #require(app.state.layout(for: wide).detail)
    #expect(wider.cols > before.cols)
    app.handle(.char("-"))
    app.handle(.char("-"))
    #expect(try #require(app.state.layout(for: wide).detail).cols < before.cols)
    app.handle(.char("o"))
    #expect(app.state.layout(for: wide).detailOnRight)
    app.handle(.char("o"))
    #expect(!app.state.layout(for: wide).detailOnRight)
    app.handle(.char("p"))
    #expect(app.state.layout(for: wide).detail == nil)
    app.handle(.tab)
    #expect(app.state.focus == .tree)
  }

  @Test func helpOverlayOpensScrollsAndCloses() throws {
    let app = try app()
    app.handle(.char("?"))
    #expect(app.state.mode == .help(scroll: 0))
    app.handle(.char("j"))
    #expect(app.state.mode == .help(scroll: 1))
    app.handle(.char("q"))
    #expect(app.state.mode == .normal)
    #expect(!app.shouldQuit)
    app.handle(.function(1))
    app.handle(.escape)
    #expect(app.state.mode == .normal)
    app.handle(.char("q"))
    #expect(app.shouldQuit)
  }

  @Test func liveKeysOnAFileExplainThemselves() throws {
    // `F` and `w` belong to live sessions (`LiveApp` takes them first; LiveAppTests).
    let app = try app()
    let screen = app.screen(rows: 12, cols: 80, keys: [.char("F")])
    #expect(screen.line(11) == "follow mode is for live sessions")
    app.handle(.char("w"))
    #expect(messageText(app) == "saving is for live sessions: this trace is already a file")
  }

  @Test func unknownKeyGetsAHint() throws {
    let app = try app()
    app.handle(.char("Q"))
    #expect(messageText(app) == "Q: no action (press ? for help)")
  }
}
