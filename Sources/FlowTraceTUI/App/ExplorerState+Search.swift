import FlowTraceExplorer

extension ExplorerState {
  /// `[i/N]` for the status line, empty without a search.
  var searchCounter: String {
    guard let search else { return "" }
    if search.count == 0 { return "[0/0]" }
    if let node = currentNode, let i = search.position(of: node, in: document.tree) {
      return "[\(i)/\(search.count)]"
    }
    return "[-/\(search.count)]"
  }

  /// While the prompt is edited: highlight what the pattern would match.
  mutating func previewSearch(_ text: String) {
    searchHighlighter = Highlighter(pattern: text)
  }

  mutating func restoreSearchAfterCancel() {
    searchHighlighter = search.flatMap { Highlighter(pattern: $0.pattern) }
  }

  mutating func clearSearch() {
    search = nil
    searchHighlighter = nil
  }

  /// Runs a search from the prompt and moves to the first match at or after the cursor.
  /// An empty pattern repeats the last search.
  mutating func startSearch(_ text: String) {
    let pattern = text.isEmpty ? (search?.pattern ?? "") : text
    guard !pattern.isEmpty else {
      clearSearch()
      return
    }
    do {
      search = try Search(pattern, in: document.tree)
    } catch {
      message = .error("search: \(error.description)")
      restoreSearchAfterCancel()
      return
    }
    searchHighlighter = Highlighter(pattern: pattern)
    guard search?.count ?? 0 > 0 else {
      message = .error("no match for '\(pattern)'")
      return
    }
    let here = currentNode
    if let here, search?.position(of: here, in: document.tree) != nil, outline.passesFilter(here) {
      return
    }
    let before = here.flatMap { tree.previousInDisplayOrder($0) }
    go(to: search?.next(after: before, in: document.tree), forward: true)
  }

  /// `n` / `N`: the next or previous match, wrapping around with a message.
  mutating func stepSearch(forward: Bool) {
    guard let search else {
      message = .info("no search yet: press / to search")
      return
    }
    guard search.count > 0 else {
      message = .error("no match for '\(search.pattern)'")
      return
    }
    let here = currentNode
    go(
      to: forward
        ? search.next(after: here, in: document.tree)
        : search.previous(before: here, in: document.tree),
      forward: forward)
  }

  /// Moves to a hit, skipping matches the filter hides; says when the search wrapped.
  mutating func go(to first: SearchHit?, forward: Bool) {
    guard let search else { return }
    var hit = first
    var wrapped = false
    var steps = 0
    while let h = hit, !outline.passesFilter(h.node) {
      wrapped = wrapped || h.wrapped
      steps += 1
      if steps > search.count {
        hit = nil
        break
      }
      hit =
        forward
        ? search.next(after: h.node, in: document.tree)
        : search.previous(before: h.node, in: document.tree)
    }
    guard let hit else {
      message = .error("every match of '\(search.pattern)' is hidden by the filter")
      return
    }
    wrapped = wrapped || hit.wrapped
    jump(to: hit.node)
    if wrapped {
      message = .info(forward ? "search wrapped to the top" : "search wrapped to the bottom")
    }
  }

  /// Brings the matches up to date (the filter changed or calls were appended).
  mutating func refreshSearch() {
    search?.update(with: document.tree)
  }
}

extension CallTree {
  /// The node just before `node` in display order, nil for the first.
  func previousInDisplayOrder(_ node: Int) -> Int? {
    guard let sibling = previousSibling(of: node) else { return parent(of: node) }
    var current = sibling
    while let child = lastChild(of: current) { current = child }
    return current
  }
}
