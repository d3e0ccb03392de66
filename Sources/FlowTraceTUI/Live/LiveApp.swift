import FlowTraceExplorer

#if canImport(Glibc)
  import Glibc
#endif

/// The explorer on a live session: keys go to the explorer, except the live ones (`F`, `G`);
/// `w` is the explorer's `save` effect, run here on the session. New data grows the tree in
/// place; follow mode keeps the newest row selected.
package final class LiveApp: InteractiveApp {
  /// The explorer showing the shared tree.
  package let explorer: ExplorerApp
  /// Where the data comes from.
  package let session: LiveSession
  /// Follow mode (on at start).
  package internal(set) var follow = LiveFollow()
  /// Where `w` writes its files.
  package var saveDirectory = "."
  /// The demo program, when started with `--demo`.
  package let demo: LiveDemo?
  /// Nodes of the tree the view has taken in (outline synced, search refreshed).
  var shownNodes = 0
  var lastStatsReset: UInt64 = 0

  /// A live explorer over `session` (empty tree; programs appear as they connect).
  package init(session: LiveSession, context: RenderContext, demo: LiveDemo? = nil) {
    self.session = session
    self.demo = demo
    explorer = ExplorerApp(
      document: TraceDocument(source: session.path, header: nil, tree: CallTree(), problem: nil),
      context: context)
    explorer.send(
      .notice(
        demo != nil
          ? "demo: the bundled program streams to a private socket (F follow, w save, q quit)"
          : session.listener == nil
            ? "\(session.connectHint): its calls stream in from now on"
            : "waiting for programs: \(session.connectHint)", isProblem: false))
    explorer.effects.save = { [unowned self] tree in
      self.session.save(to: self.saveDirectory, tree: tree)
    }
  }

  package var shouldQuit: Bool { explorer.shouldQuit }

  package func handle(_ key: Key) {
    let before = explorer.state.cursor
    let inFilterPrompt: Bool
    if case .prompt(.filter, _) = explorer.state.mode {
      inFilterPrompt = true
    } else {
      inFilterPrompt = false
    }
    guard explorer.state.mode == .normal, explorer.state.focus == .tree,
      let action = KeyMap.action(for: key)
    else {
      explorer.handle(key)
      // A search that jumps up pauses following; applying a filter does not.
      if !inFilterPrompt { follow.selectionMoved(from: before, to: explorer.state.cursor) }
      return
    }
    switch action {
    case .toggleFollow:
      if follow.toggle() { jumpToNewest() }
      explorer.send(
        .notice(
          follow.isFollowing ? "following new calls" : "follow paused (F or G resumes)",
          isProblem: false))
    case .bottom:
      explorer.handle(key)
      follow.resume()
    default:
      explorer.handle(key)
      follow.selectionMoved(from: before, to: explorer.state.cursor)
    }
  }

  package func render(into frame: ScreenBuffer) {
    let title = session.title(follow: follow, tree: explorer.document.tree)
    explorer.send(.title(mode: title.mode, summary: title.summary))
    explorer.render(into: frame)
  }

  /// Reads and ingests what arrived (without waiting); true when the screen should change.
  package func tick() -> Bool {
    var fds = session.pollDescriptors()
    _ = poll(&fds, nfds_t(fds.count), 0)
    session.handle(fds)
    return ingest(budget: .milliseconds(8)) > 0 || refreshView()
  }

  /// Decodes waiting data into the tree for at most `budget`; returns the records added.
  @discardableResult
  package func ingest(budget: Duration) -> Int {
    // The demo program's wait status first: its row then says how it ended.
    if let demo, !demo.poll(), let status = demo.exitStatus {
      session.noteExit(pid: demo.launchedPID, waitStatus: status)
    }
    let records = session.ingest(into: &explorer.state.document.tree, budget: budget)
    for message in session.takeMessages() {
      let problem = ["dropped", "refused", "accept failed"].contains { message.hasPrefix($0) }
      explorer.send(.notice(message, isProblem: problem))
    }
    return records
  }

  /// Brings the view up to date with the tree (outline rows, search matches, follow);
  /// true when something changed. Called before drawing, so at most once per frame.
  @discardableResult
  package func refreshView() -> Bool {
    advanceClocks()
    let tree = explorer.document.tree
    guard shownNodes != tree.count else { return false }
    shownNodes = tree.count
    let now = LiveSession.monotonicNanos()
    let freshStatistics = now &- lastStatsReset > 1_000_000_000
    if freshStatistics { lastStatsReset = now }
    explorer.send(.treeGrew(freshStatistics: freshStatistics))
    if follow.isFollowing { jumpToNewest() }
    return true
  }

  /// Running calls' elapsed times tick: each connected program's clock follows the wall clock.
  func advanceClocks() {
    let wall = LiveSession.wallNanos()
    for connection in session.connections where connection.phase == .open {
      // A start time far from the connection's (a replayed or hand-made trace) would make
      // nonsense of the elapsed times: those programs' clocks move only with their events.
      guard let program = connection.program, let header = connection.header,
        header.clock != .cycleCounter, wall > header.startWallNanos,
        header.startWallNanos > connection.connectedAt - 86_400_000_000_000
      else { continue }
      explorer.state.document.tree.advanceClock(
        program: program, to: UInt64(wall - header.startWallNanos))
    }
  }

  /// Selects the newest call (with several threads or programs it need not be the last row);
  /// the last row when the newest calls are folded away or filtered out.
  func jumpToNewest() {
    let outline = explorer.state.outline
    let tree = explorer.document.tree
    guard outline.rowCount > 0 else { return }
    var node = tree.count - 1
    var tried = 0
    while node >= 0 && tried < 8 {
      let kind = tree.kind(of: node)
      if kind == .call || kind == .loss {
        tried += 1
        if let row = outline.row(of: node, in: tree) {
          explorer.send(.select(row: row))
          return
        }
      }
      node -= 1
    }
    explorer.send(
      .select(row: follow.row(current: explorer.state.cursor, rowCount: outline.rowCount)))
  }
}
