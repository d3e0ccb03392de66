import FlowTraceExplorer

extension ExplorerState {
  /// Sets a filter from text (the prompt or `--filter`); returns the parse error, if any.
  @discardableResult
  mutating func setFilter(_ text: String) -> String? {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty {
      let node = currentNode
      outline.setFilter(nil, in: document.tree)
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
    outline.setFilter(query, in: document.tree)
    restoreCursor(to: node)
    let counts = outline.filterCounts(in: document.tree)
    message = .info("filter: \(Units.count(counts.visible)) of \(Units.count(counts.total)) calls")
    refreshSearch()
    return nil
  }
}
