import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

/// The explorer's state as a reducer: an action in, the state and the effects out, with no
/// app, terminal or file around it.
@Suite struct ExplorerStateTests {
  func state() throws -> ExplorerState {
    let theme = try ThemeLoader.load("default", directories: [themesDirectory])
    return ExplorerState(
      document: SampleTrace.document(), context: RenderContext(theme: theme, ascii: false))
  }

  func name(_ state: ExplorerState) -> String {
    state.currentNode.map { state.tree.rowText(of: $0) } ?? "-"
  }

  func type(_ text: String, into state: inout ExplorerState) -> [ExplorerEffect] {
    text.flatMap { state.apply(.key(.char($0))) } + state.apply(.key(.enter))
  }

  @Test func navigationMovesTheCursorWithoutEffects() throws {
    var state = try state()
    #expect(state.apply(.perform(.moveDown)) == [])
    #expect(state.cursor == 1)
    #expect(name(state) == "main()")
    #expect(state.apply(.perform(.bottom)) == [])
    #expect(state.cursor == state.outline.rowCount - 1)
    #expect(state.apply(.key(.char("g"))) == [])
    #expect(state.cursor == 0)
  }

  @Test func foldsChangeTheOutlineAndKeepTheCursorsCall() throws {
    var state = try state()
    let rows = state.outline.rowCount
    _ = state.apply(.perform(.moveDown))
    #expect(state.apply(.perform(.collapseAll)) == [])
    #expect(state.outline.rowCount == 2)  // the two threads
    #expect(name(state) != "main()")
    _ = state.apply(.perform(.expandAll))
    #expect(state.outline.rowCount == rows)
    _ = state.apply(.perform(.expandToDepth(1)))
    #expect(state.message == .info("expanded to depth 1"))
  }

  @Test func searchFromThePromptMovesToTheFirstMatch() throws {
    var state = try state()
    #expect(state.apply(.key(.char("/"))) == [])
    #expect(type("validate", into: &state) == [])
    #expect(state.mode == .normal)
    #expect(state.search?.count == 1)
    #expect(name(state) == "Parser.validate(-1)")
    _ = state.apply(.perform(.cancel))
    #expect(state.search == nil)
    #expect(state.message == .info("search cleared"))
  }

  @Test func filterSetsTheOutlineOrSaysWhatIsWrong() throws {
    var state = try state()
    #expect(state.apply(.filter("-fib err")) == [])
    #expect(state.outline.filter?.source == "-fib err")
    #expect(state.outline.rowCount == 4)
    _ = state.apply(.filter("depth:x"))
    #expect(state.message == .error("filter: column 7: expected a whole number in 'depth:x'"))
    #expect(state.outline.filter?.source == "-fib err")
    _ = state.apply(.filter(""))
    #expect(state.outline.filter == nil)
  }

  @Test func overlaysOpenAndCloseAndQuitIsAnEffect() throws {
    var state = try state()
    #expect(state.apply(.perform(.help)) == [])
    #expect(state.mode == .help(scroll: 0))
    #expect(state.apply(.key(.char("j"))) == [])
    #expect(state.mode == .help(scroll: 1))
    #expect(state.apply(.key(.char("q"))) == [])
    #expect(state.mode == .normal)
    _ = state.apply(.perform(.toggleDetail))
    #expect(!state.showDetail)
    #expect(state.apply(.key(.char("q"))) == [.quit])
    _ = state.apply(.perform(.help))
    #expect(state.apply(.key(.ctrl("c"))) == [.quit])
  }

  @Test func saveIsAnEffectAndItsResultTheMessage() throws {
    var state = try state()
    #expect(state.apply(.key(.char("w"))) == [.save])
    _ = state.apply(.saved(nil))
    #expect(state.message == .info("saving is for live sessions: this trace is already a file"))
    _ = state.apply(.saved(LiveSaveResult(files: ["a.ftrace"], message: "saved a.ftrace")))
    #expect(state.message == .info("saved a.ftrace"))
    _ = state.apply(.saved(LiveSaveResult(files: [], message: "cannot write")))
    #expect(state.message == .error("cannot write"))
  }

  /// The Source tab asks for its file once; the answer is what the tab shows.
  @Test func sourceTabAsksForItsFileAndShowsTheAnswer() throws {
    var state = try state()
    for _ in 0..<7 { _ = state.apply(.perform(.moveDown)) }
    #expect(name(state).hasPrefix("Parser.parse"))
    var asked: [ExplorerEffect] = []
    for _ in 0..<DetailTab.source.rawValue { asked += state.apply(.perform(.nextTab)) }
    #expect(asked == [.readSource(path: "App/Parser.swift")])
    let text = (1...20).map { "let line\($0) = \($0)" }.joined(separator: "\n")
    #expect(state.apply(.sourceRead(path: "App/Parser.swift", bytes: Array(text.utf8))) == [])
    let shown = state.detailLines(width: 80).map { $0.map(\.text).joined() }
    #expect(shown.contains { $0.hasSuffix("let line10 = 10") })
    // Another call, another file: asked once, then never again.
    #expect(state.apply(.perform(.moveUp)) == [.readSource(path: "App/Fib.swift")])
    _ = state.apply(.sourceRead(path: "App/Fib.swift", bytes: nil))
    #expect(state.apply(.perform(.moveDown)) == [])
    #expect(state.apply(.perform(.moveUp)) == [])
  }

  /// `c` asks for the second trace; a failure to open it is the message, the view unchanged.
  @Test func compareAsksForTheTraceAndTakesInTheAnswer() throws {
    var state = try state()
    _ = state.apply(.key(.char("c")))
    #expect(type("b.ftrace", into: &state) == [.openTrace(path: "b.ftrace")])
    let failure = TraceFileError(path: "b.ftrace", message: "no such file")
    #expect(
      state.apply(.traceOpened(path: "b.ftrace", OpenedComparison(b: .failure(failure)))) == [])
    #expect(state.message == .error(failure.description))
    #expect(state.diff == nil)
  }

  /// A live session grows the tree in place; `.treeGrew` brings the rows up to it, and news,
  /// the followed row and the title are actions too.
  @Test func liveGrowthNewsSelectionAndTitleAreActions() throws {
    let theme = try ThemeLoader.load("default", directories: [themesDirectory])
    let events = SampleTrace.events
    let head = events.firstIndex { if case .call = $0 { return true } else { return false } }
    let start = try #require(head) + 3
    var state = ExplorerState(
      document: TraceDocument(
        source: "live", header: SampleTrace.header, events: Array(events[..<start])),
      context: RenderContext(theme: theme, ascii: false))
    let before = state.outline.rowCount
    state.document.tree.append(contentsOf: events[start...])
    #expect(state.outline.rowCount == before)  // not taken in yet
    #expect(state.apply(.treeGrew(freshStatistics: true)) == [])
    #expect(state.outline.rowCount == Outline(tree: state.tree).rowCount)
    #expect(state.outline.rowCount > before)
    _ = state.apply(.select(row: 3))
    #expect(state.cursor == 3)
    _ = state.apply(.select(row: 1_000))
    #expect(state.cursor == state.outline.rowCount - 1)
    _ = state.apply(.notice("dropped 3 events", isProblem: true))
    #expect(state.message == .error("dropped 3 events"))
    _ = state.apply(.title(mode: "LIVE FOLLOW", summary: "1 program"))
    #expect(state.titleBar().mode == "LIVE FOLLOW")
    #expect(state.titleBar().summary == "1 program")
  }

  /// A file read in slices: the title shows how far, the end says where reading stopped.
  @Test func slicesOfAFileShowProgressAndWhereReadingStopped() throws {
    var state = try state()
    #expect(state.apply(.loaded(header: nil, progress: 0.5, problem: "not yet")) == [])
    #expect(state.titleBar().mode == "loading 50%")
    #expect(state.document.problem == nil)
    _ = state.apply(.loaded(header: nil, progress: nil, problem: "trace stopped early: byte 9"))
    #expect(state.titleBar().mode == "")
    #expect(state.document.problem == "trace stopped early: byte 9")
    #expect(state.message == .error("trace stopped early: byte 9"))
  }

  /// `.layout` (sent before each frame) sizes paging and brings the cursor's row into view.
  @Test func layoutSizesPagingAndBringsTheCursorIntoView() throws {
    var state = try state()
    let size = TerminalSize(rows: 10, cols: 80)
    let rows = state.layout(for: size).tree.rows
    try #require(rows > 1 && rows < state.outline.rowCount - 1)
    _ = state.apply(.layout(size))
    _ = state.apply(.perform(.pageDown))
    #expect(state.cursor == rows)
    _ = state.apply(.perform(.bottom))
    #expect(state.scroll == 0)  // not drawn yet
    #expect(state.apply(.layout(size)) == [])
    #expect(state.scroll == state.cursor - rows + 1)
  }
}
