extension ExplorerState {
  /// What a live session tells the state: news, growth, the followed row, the title.
  mutating func applyLive(_ action: ExplorerAction) {
    switch action {
    case .notice(let text, let isProblem):
      message = isProblem ? .error(text) : .info(text)
    case .treeGrew(let freshStatistics):
      outline.sync(with: document.tree)
      refreshSearch()  // examines only the calls appended (or ended) since
      if freshStatistics { functionStats = nil }
    case .select(let row):
      cursor = max(0, min(row, outline.rowCount - 1))
    case .title(let mode, let summary):
      titleMode = mode
      titleSummary = summary
    default:
      break
    }
  }
}
