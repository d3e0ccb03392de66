import FlowTraceExplorer

/// Hooks for live mode (Sources/FlowTraceTUI/Live drives them): the tree grows while the
/// explorer runs, the title shows the session, `F` follows the last row and `w` saves.
extension ExplorerApp {
  /// Changes the tree (new events), then brings rows, search, statistics and the cursor up
  /// to date: in follow mode the cursor stays on the last row, otherwise on its call.
  public func updateTree(_ body: (inout CallTree) -> Void) {
    let node = currentNode
    body(&document.tree)
    outline.sync(with: document.tree)
    search?.update(with: document.tree)
    functionStats = nil
    if follow {
      cursor = max(0, outline.rowCount - 1)
    } else {
      restoreCursor(to: node)
    }
  }

  /// Re-evaluates the filter over calls that ended since it was set (their durations changed).
  public func refreshFilter() {
    let node = currentNode
    outline.refreshFilter(in: document.tree)
    restoreCursor(to: node)
  }

  /// Shows a message on the bottom line (live events: a program connected, a file saved).
  public func show(message text: String, isError: Bool = false) {
    message = isError ? .error(text) : .info(text)
  }

  func toggleFollow() {
    guard isLive else {
      message = .info("follow mode is for live sessions")
      return
    }
    follow.toggle()
    if follow { moveCursor(to: outline.rowCount - 1) }
    message = .info(follow ? "following new calls" : "follow paused")
  }

  /// Moving anywhere but the last row pauses follow mode.
  func pauseFollowIfMoved() {
    if follow && cursor != outline.rowCount - 1 {
      follow = false
      message = message ?? .info("follow paused (F resumes)")
    }
  }
}
