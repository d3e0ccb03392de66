import FlowTraceExplorer
import FlowTraceWire

/// The explorer in the event loop: keys become actions on its state (`ExplorerState`), and
/// the effects the state returns run here (reading a source file, opening a second trace,
/// saving, quitting), their results going back to the state as actions. The rest of a file
/// being loaded is read here too, a slice per idle tick.
package final class ExplorerApp: InteractiveApp {
  /// What the explorer shows; changed only through `send(_:)` (and the tree's growth).
  var state: ExplorerState
  /// How effects touch the world: the launcher's files, or a test's.
  package var effects = ExplorerEffects.files
  package private(set) var shouldQuit = false
  /// The rest of a file still being read (binary traces stream in after the first screen).
  var loading: ProgressiveLoad? {
    didSet {
      if let loading { send(.loaded(header: nil, progress: loading.progress, problem: nil)) }
    }
  }

  package init(document: TraceDocument, context: RenderContext) {
    state = ExplorerState(document: document, context: context)
  }

  /// The trace shown (the merged one in the diff view).
  package var document: TraceDocument { state.document }

  /// The visible rows of the trace shown.
  package var outline: Outline { state.outline }

  /// Applies an action to the state and runs the effects it returns, and theirs, in order.
  func send(_ action: ExplorerAction) {
    var pending = state.apply(action)
    while !pending.isEmpty {
      let effect = pending.removeFirst()
      if let answer = run(effect) { pending += state.apply(answer) }
    }
  }

  /// Runs one effect; returns the action that carries its result, if any.
  func run(_ effect: ExplorerEffect) -> ExplorerAction? {
    switch effect {
    case .quit:
      shouldQuit = true
      return nil
    case .readSource(let path):
      return .sourceRead(path: path, bytes: effects.readSource(path))
    case .openTrace(let path):
      return .traceOpened(path: path, openToCompare(path))
    case .save:
      return .saved(effects.save?(state.document.tree))
    }
  }

  package func handle(_ key: Key) { send(.key(key)) }

  package func render(into frame: ScreenBuffer) {
    // Also reads the source of a call new data (a live session's) moved the cursor to.
    send(.layout(frame.size))
    state.render(into: frame)
  }

  /// Shows the diff view of this trace and `path`; returns the problem when `path` cannot be
  /// read.
  @discardableResult
  package func compare(with path: String) -> String? {
    state.compare(with: path, opened: openToCompare(path))
  }

  /// Opens `path` (B) and this trace's file (A) and runs the streaming diff of the two when
  /// both are binary: then A's progressive load stops (the merged tree replaces it); else A
  /// is read whole first, for the diff of whole trees.
  private func openToCompare(_ path: String) -> OpenedComparison {
    let b = Result { () throws(TraceFileError) in try effects.openTrace(path) }
    let a = try? effects.openTrace(state.comparedSource)
    let streamed = (try? b.get()).flatMap { ExplorerState.streamingMerge(a, $0) }
    if streamed != nil { loading = nil } else { finishLoading() }
    return OpenedComparison(b: b, a: a, streamed: streamed)
  }

  /// Sets a filter from text (`--filter`); returns the parse error, if any.
  @discardableResult
  package func applyFilter(_ text: String) -> String? {
    state.setFilter(text)
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
    if case .prompt = state.mode { return false }
    return true
  }

  /// Poll without waiting while a file is still being read.
  package var pollMs: Int { loading == nil ? 200 : 0 }

  /// Reads the next slices of a file being loaded (about 40 ms of work) into the tree.
  func continueLoading(budgetNanos: UInt64 = 40_000_000) {
    guard let loader = loading else { return }
    state.updateTree { tree in
      loader.step(into: &tree, budgetNanos: budgetNanos)
      if loader.isDone { tree.finish() }
    }
    send(
      .loaded(
        header: loader.header, progress: loader.isDone ? nil : loader.progress,
        problem: loader.problem))
    if loader.isDone { loading = nil }
  }

  /// Reads the rest of a file being loaded at once (tests, benchmarks, the diff view).
  package func finishLoading() {
    while loading != nil { continueLoading(budgetNanos: 100_000_000) }
  }
}
