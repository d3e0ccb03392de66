import FlowTraceExplorer
import FlowTraceWire

/// Everything the explorer shows, as a value: the tree and its outline, selection, folds,
/// search, filter, panes and overlays. Actions change it (`apply(_:)`, after jless's viewer)
/// and return the effects the world outside must run (`ExplorerApp` runs them and feeds the
/// results back as actions); `render(into:)` draws it. No terminal and no files here.
struct ExplorerState {
  var document: TraceDocument
  var outline: Outline
  var context: RenderContext

  /// Cursor and scroll, as visible-row indices.
  var cursor = 0
  var scroll = 0
  var focus = Focus.tree
  var tab = DetailTab.args
  var mode = InputMode.normal
  var showDetail = true
  var placement = DetailPlacement.auto
  var detailShare = 0.4
  var detailScroll = 0
  /// Selected line of a jumpable list in the detail pane (the exception chain).
  var detailSelection = 0
  /// The message line: an answer to the last action, or nil for the key hint.
  var message: MessageLine.Content?
  /// Live mode: the title's mode badge (`LIVE FOLLOW …`) and, when set, its summary.
  var titleMode = ""
  var titleSummary: String?
  /// How much of a file being read has been read (0...1), nil when it is all in.
  var loadProgress: Double?

  /// The active search, nil when none.
  var search: Search?
  var searchHighlighter: Highlighter?
  var searchHistory: [String] = []
  var filterHistory: [String] = []
  /// Source files the `readSource` effect read for the Source tab (nil: not readable).
  var sourceCache: [String: [String]?] = [:]
  /// Per-function statistics, computed the first time the Timing tab needs them.
  var functionStats: FunctionStats?

  /// The diff view: the merged tree of this trace and a second one (`--diff`, `c`).
  var diff: MergedDiff?
  /// The path of A in the diff view.
  var sourceA = ""

  /// The size of the last frame drawn, for paging before the first frame.
  var lastSize = TerminalSize(rows: 24, cols: 80)

  init(document: TraceDocument, context: RenderContext) {
    self.document = document
    self.context = context
    outline = Outline(tree: document.tree)
    if let problem = document.problem { message = .error(problem) }
    if outline.rowCount == 0 { message = message ?? .info("the trace holds no calls") }
  }

  var tree: CallTree { document.tree }

  /// The node under the cursor, nil when no row is visible.
  var currentNode: Int? {
    outline.rowCount == 0 ? nil : outline.node(atRow: min(cursor, outline.rowCount - 1))
  }

  /// Keeps the cursor on `node` when it is still visible, else on the nearest row.
  mutating func restoreCursor(to node: Int?) {
    if let node, let row = outline.row(of: node, in: document.tree) {
      cursor = row
    } else {
      cursor = min(cursor, max(0, outline.rowCount - 1))
    }
  }

  /// Changes the tree (new slices of a file, live data), then brings rows, search,
  /// statistics and the cursor up to date: the cursor stays on its call.
  mutating func updateTree(_ body: (inout CallTree) -> Void) {
    let node = currentNode
    body(&document.tree)
    outline.sync(with: document.tree)
    search?.update(with: document.tree)
    functionStats = nil
    restoreCursor(to: node)
  }

  /// After a slice of the file was read into the tree: its header, how far it got, and
  /// (once done, `progress` nil) where reading stopped early.
  mutating func loaded(header: TraceHeader?, progress: Double?, problem: String?) {
    if document.header == nil { document.header = header }
    loadProgress = progress
    guard progress == nil else { return }
    document.problem = problem
    if let problem { message = .error(problem) }
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
