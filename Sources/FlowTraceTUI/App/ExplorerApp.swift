import FlowTraceExplorer
import FlowTraceWire

/// The explorer as a pure state machine (after jless's viewer): keys change the state,
/// `render(into:)` draws it. No terminal here, so every behaviour is testable on a
/// `ScreenBuffer`.
package final class ExplorerApp: InteractiveApp {
  package internal(set) var document: TraceDocument
  package internal(set) var outline: Outline
  package var context: RenderContext

  /// Cursor and scroll, as visible-row indices.
  package internal(set) var cursor = 0
  package internal(set) var scroll = 0
  package internal(set) var focus = Focus.tree
  package internal(set) var tab = DetailTab.args
  package internal(set) var mode = InputMode.normal
  package internal(set) var showDetail = true
  package internal(set) var placement = DetailPlacement.auto
  package internal(set) var detailShare = 0.4
  var detailScroll = 0
  /// Selected line of a jumpable list in the detail pane (the exception chain).
  var detailSelection = 0
  /// The message line: an answer to the last action, or nil for the key hint.
  var message: MessageLine.Content?
  package internal(set) var shouldQuit = false
  /// Live mode: the title's mode badge (`LIVE FOLLOW …`) and, when set, its summary.
  package var titleMode = ""
  package var titleSummary: String?

  // Search state.
  /// The active search, nil when none.
  package internal(set) var search: Search?
  /// Source files read for the Source tab (nil: not readable).
  var sourceCache: [String: [String]?] = [:]
  /// Reading sources and opening a trace to compare: the launcher's, or a test's.
  package var effects = ExplorerEffects.files
  /// Per-function statistics, computed the first time the Timing tab needs them.
  var functionStats: FunctionStats?
  var searchHighlighter: Highlighter?
  var searchHistory: [String] = []
  var filterHistory: [String] = []

  /// The rest of a file still being read (binary traces stream in after the first screen).
  var loading: ProgressiveLoad?

  /// The diff view: the merged tree of this trace and a second one (`--diff`, `c`).
  package internal(set) var diff: MergedDiff?
  /// The path of A in the diff view.
  var sourceA = ""

  /// The size of the last frame drawn, for paging before the first frame.
  var lastSize = TerminalSize(rows: 24, cols: 80)

  package init(document: TraceDocument, context: RenderContext) {
    self.document = document
    self.context = context
    outline = Outline(tree: document.tree)
    if let problem = document.problem { message = .error(problem) }
    if outline.rowCount == 0 { message = message ?? .info("the trace holds no calls") }
  }

  var tree: CallTree { document.tree }

  /// The node under the cursor, nil when no row is visible.
  package var currentNode: Int? {
    outline.rowCount == 0 ? nil : outline.node(atRow: min(cursor, outline.rowCount - 1))
  }

  /// Sets a filter from text (the prompt or `--filter`); returns the parse error, if any.
  @discardableResult
  package func applyFilter(_ text: String) -> String? {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty {
      let node = currentNode
      outline.setFilter(nil, in: tree)
      restoreCursor(to: node)
      message = .info("filter cleared")
      return nil
    }
    let query: FilterQuery
    do {
      query = try FilterQuery(parsing: trimmed)
    } catch {
      let text = "filter: \(error.description)"
      message = .error(text)
      return text
    }
    let node = currentNode
    outline.setFilter(query, in: tree)
    restoreCursor(to: node)
    let counts = outline.filterCounts(in: tree)
    message = .info("filter: \(Units.count(counts.visible)) of \(Units.count(counts.total)) calls")
    refreshSearch()
    return nil
  }

  /// Keeps the cursor on `node` when it is still visible, else on the nearest row.
  func restoreCursor(to node: Int?) {
    if let node, let row = outline.row(of: node, in: tree) {
      cursor = row
    } else {
      cursor = min(cursor, max(0, outline.rowCount - 1))
    }
  }

  // MARK: Keys

  package func handle(_ key: Key) {
    switch mode {
    case .prompt(let kind, var editor):
      switch editor.handle(key) {
      case .edited:
        mode = .prompt(kind, editor)
        if kind == .search { previewSearch(editor.string) }
      case .ignored:
        if key == .resize { return }
      case .cancel:
        mode = .normal
        if kind == .search { restoreSearchAfterCancel() }
        message = nil
      case .submit(let text):
        mode = .normal
        submit(kind, text)
      }
      return
    case .help(let scroll):
      handleHelp(key, scroll: scroll)
      return
    case .normal:
      break
    }
    guard let action = KeyMap.action(for: key) else {
      if key != .resize { message = .info("\(key.label): no action (press ? for help)") }
      return
    }
    perform(action)
  }

  func handleHelp(_ key: Key, scroll: Int) {
    let lines = HelpOverlay.lines().count
    let page = HelpOverlay.visibleLines(size: lastSize)
    let maxScroll = max(0, lines - page + 2)
    switch KeyMap.action(for: key) {
    case .quit, .cancel, .help: mode = .normal
    case .forceQuit: shouldQuit = true
    case .moveDown: mode = .help(scroll: min(maxScroll, scroll + 1))
    case .moveUp: mode = .help(scroll: max(0, scroll - 1))
    case .pageDown, .halfPageDown: mode = .help(scroll: min(maxScroll, scroll + page))
    case .pageUp, .halfPageUp: mode = .help(scroll: max(0, scroll - page))
    case .top: mode = .help(scroll: 0)
    case .bottom: mode = .help(scroll: maxScroll)
    default: break
    }
  }

  /// Applies one action in normal mode.
  package func perform(_ action: Action) {
    // A resize or redraw keeps the message (e.g. where a truncated trace stopped).
    if action == .resize || action == .redraw { return }
    message = nil
    switch action {
    case .quit: shouldQuit = true
    case .forceQuit: shouldQuit = true
    case .help: mode = .help(scroll: 0)
    case .cancel: cancel()
    case .redraw, .resize, .suspend: break
    case .startSearch:
      mode = .prompt(.search, LineEditor(history: searchHistory))
    case .startFilter:
      mode = .prompt(
        .filter, LineEditor(text: outline.filter?.source ?? "", history: filterHistory))
    case .nextMatch: stepSearch(forward: true)
    case .previousMatch: stepSearch(forward: false)
    case .switchFocus:
      if showDetail && layout(for: lastSize).detail != nil {
        focus = focus == .tree ? .detail : .tree
      } else {
        message = .info("the detail pane is hidden (p shows it)")
      }
    case .nextTab: cycleTab(1)
    case .previousTab: cycleTab(-1)
    case .toggleDetail:
      showDetail.toggle()
      if !showDetail { focus = .tree }
    case .growDetail: detailShare = min(0.8, detailShare + 0.05)
    case .shrinkDetail: detailShare = max(0.2, detailShare - 0.05)
    case .flipDetail:
      switch placement {
      case .auto: placement = .right
      case .right: placement = .below
      case .below: placement = .auto
      }
      message = .info("detail pane: \(placement)")
    case .nextDifference, .previousDifference, .differencesOnly, .compareTrace:
      performDiff(action)
    // Live sessions (`LiveApp`) take `F` and `w` before they reach a file's explorer.
    case .toggleFollow: message = .info("follow mode is for live sessions")
    case .save: message = .info("saving is for live sessions: this trace is already a file")
    default:
      if focus == .detail {
        performInDetail(action)
      } else {
        performInTree(action)
      }
    }
  }

  func cancel() {
    if search != nil {
      clearSearch()
      message = .info("search cleared")
    } else if focus == .detail {
      focus = .tree
    }
  }

  func cycleTab(_ step: Int) {
    let all = DetailTab.allCases
    let index = (tab.rawValue + step + all.count) % all.count
    tab = all[index]
    detailScroll = 0
    detailSelection = 0
  }

  func submit(_ kind: PromptKind, _ text: String) {
    switch kind {
    case .search:
      if !text.isEmpty && searchHistory.last != text { searchHistory.append(text) }
      startSearch(text)
    case .filter:
      if !text.isEmpty && filterHistory.last != text { filterHistory.append(text) }
      applyFilter(text)
    case .compare:
      if !text.isEmpty { compare(with: text) }
    }
  }

  package func tick() -> Bool {
    if loading != nil {
      continueLoading()
      return true
    }
    return false
  }

  /// Ctrl-Z suspends unless a prompt is open.
  package var acceptsSuspend: Bool {
    if case .prompt = mode { return false }
    return true
  }

  /// Poll without waiting while a file is still being read.
  package var pollMs: Int { loading == nil ? 200 : 0 }

  /// Reads the next slices of a file being loaded (about 40 ms of work) into the tree.
  func continueLoading(budgetNanos: UInt64 = 40_000_000) {
    guard let loader = loading else { return }
    updateTree { tree in
      loader.step(into: &tree, budgetNanos: budgetNanos)
      if loader.isDone { tree.finish() }
    }
    if document.header == nil { document.header = loader.header }
    if loader.isDone {
      loading = nil
      document.problem = loader.problem
      if let problem = loader.problem { message = .error(problem) }
    }
  }

  /// Changes the tree (new slices of a file), then brings rows, search, statistics and the
  /// cursor up to date: the cursor stays on its call.
  func updateTree(_ body: (inout CallTree) -> Void) {
    let node = currentNode
    body(&document.tree)
    outline.sync(with: document.tree)
    search?.update(with: document.tree)
    functionStats = nil
    restoreCursor(to: node)
  }

  /// Reads the rest of a file being loaded at once (tests, benchmarks).
  package func finishLoading() {
    while loading != nil { continueLoading(budgetNanos: 100_000_000) }
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return String(s)
  }
}
