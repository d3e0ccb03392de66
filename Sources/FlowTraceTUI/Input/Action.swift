/// Everything a key can ask the explorer to do.
package enum Action: Hashable, Sendable {
  // Movement.
  case moveDown, moveUp, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom, center
  // Folding.
  case collapseOrParent, expandOrChild, toggleFold, expandAll, collapseAll
  case expandToDepth(Int)
  // Tree navigation.
  case parent, nextSibling, previousSibling, slowestChild, nextError, previousError
  // Search and filter.
  case startSearch, nextMatch, previousMatch, startFilter, cancel
  // Live mode.
  case toggleFollow, save
  // Panes.
  case switchFocus, previousTab, nextTab, toggleDetail, growDetail, shrinkDetail, flipDetail
  case activate
  // Diff view.
  case nextDifference, previousDifference, differencesOnly, compareTrace
  // Other.
  case help, quit, forceQuit, redraw, resize, suspend
}
