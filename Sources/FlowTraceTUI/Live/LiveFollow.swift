/// Follow mode: while on, the selection stays on the newest row as data arrives; any move up
/// pauses it, `G` (going to the end) or `F` resumes.
package struct LiveFollow: Sendable, Equatable {
  /// Whether the view follows new data.
  package private(set) var isFollowing: Bool

  /// Follow mode, on by default (live sessions start following).
  package init(following: Bool = true) { isFollowing = following }

  /// `F`: toggles following; returns the new state.
  @discardableResult
  package mutating func toggle() -> Bool {
    isFollowing.toggle()
    return isFollowing
  }

  /// `G` / End: resumes following.
  package mutating func resume() { isFollowing = true }

  /// Called after any selection move: moving up pauses; reaching the last row by moving down
  /// keeps the current state.
  package mutating func selectionMoved(from oldRow: Int, to newRow: Int) {
    if newRow < oldRow { isFollowing = false }
  }

  /// The row to select after the tree grew: the last row while following, else `current`.
  package func row(current: Int, rowCount: Int) -> Int {
    guard rowCount > 0 else { return 0 }
    return isFollowing ? rowCount - 1 : min(current, rowCount - 1)
  }

  /// `FOLLOW` or `PAUSED` for the title bar.
  package var label: String { isFollowing ? "FOLLOW" : "PAUSED" }
}
