import FlowTraceExplorer
import FlowTraceWire

/// What changes the explorer's state (`ExplorerState.apply(_:)`): a key, an action a key
/// stands for, or the result of an effect the world ran.
enum ExplorerAction {
  /// A key, in whatever mode is open (a prompt takes it as text, the help overlay scrolls).
  case key(Key)
  /// What a key asks for in the tree or detail pane (`KeyMap`).
  case perform(Action)
  /// A frame of this size is about to be drawn: the cursor and selections are brought into
  /// view, and paging uses its size.
  case layout(TerminalSize)
  /// A filter from text (the prompt's, or `--filter`); empty clears it.
  case filter(String)
  /// `readSource` ran: the file's bytes, nil when it could not be read.
  case sourceRead(path: String, bytes: [UInt8]?)
  /// `openTrace` ran: the second trace to compare with (or why it could not be read), the
  /// first one's file and their streaming diff when it applied.
  case traceOpened(path: String, OpenedComparison)
  /// `save` ran: what was written, nil where nothing can be saved (a file is already saved).
  case saved(LiveSaveResult?)
  /// News from a live session for the message line (`isProblem`: shown as an error).
  case notice(String, isProblem: Bool)
  /// A live session's tree grew in place: rows and search matches catch up, and with
  /// `freshStatistics` the per-function figures are recomputed when next shown.
  case treeGrew(freshStatistics: Bool)
  /// Slices of the file being read went into the tree: its header, how far reading got
  /// (nil: done) and, once done, where it stopped early.
  case loaded(header: TraceHeader?, progress: Double?, problem: String?)
  /// Selects a visible row (follow mode's newest call).
  case select(row: Int)
  /// The title's mode badge (`LIVE FOLLOW …`) and summary, from a live session.
  case title(mode: String, summary: String?)
}

/// What the state asks of the world outside it; `ExplorerApp` runs these.
enum ExplorerEffect: Equatable, Sendable {
  /// Leave the event loop.
  case quit
  /// Read a call site's source file (answer: `.sourceRead`).
  case readSource(path: String)
  /// Open `path` to compare with and diff it with this trace's file when both are binary
  /// (else read the rest of the trace being loaded first) (answer: `.traceOpened`).
  case openTrace(path: String)
  /// Write what a live session received (answer: `.saved`).
  case save
}

/// What opening a trace to compare with found.
struct OpenedComparison {
  /// The second trace (B), or why it could not be read.
  var b: Result<TraceFile, TraceFileError>
  /// The first trace's file (A), nil when it is not one (a live session).
  var a: TraceFile?
  /// The streaming diff of A's and B's files, when it applied.
  var streamed: MergedDiff?
}
