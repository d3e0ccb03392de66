import FlowTraceExplorer

extension ExplorerState {
  func layout(for size: TerminalSize) -> Layout {
    Layout.compute(size: size, showDetail: showDetail, placement: placement, share: detailShare)
  }

  /// Fits the state to a frame of `size` (the `.layout` action, before each frame): the size
  /// for paging, the cursor's row and the detail pane's selected line in view.
  mutating func fit(to size: TerminalSize) {
    lastSize = size
    let layout = layout(for: size)
    if layout.detail == nil && focus == .detail { focus = .tree }
    keepCursorVisible(rows: layout.tree.rows)
    guard let rect = layout.detail else { return }
    let body = detailBody(width: rect.cols)
    let page = max(1, rect.rows - 1)
    if !body.targets.isEmpty {
      detailSelection = min(detailSelection, body.targets.count - 1)
      let line = body.targets[detailSelection].line
      if line >= detailScroll + page { detailScroll = line - page + 1 }
      if line < detailScroll { detailScroll = line }
    }
    detailScroll = max(0, min(detailScroll, max(0, body.lines.count - page)))
  }

  /// Draws the whole screen as the state is (fitted to the frame's size first, see `fit`):
  /// title, tree, detail pane, status, message, help overlay.
  func render(into frame: ScreenBuffer) {
    frame.clear(style: context.style(.tree))
    let layout = layout(for: frame.size)
    titleBar().draw(into: frame, rect: layout.title, context: context)
    drawTree(into: frame, rect: layout.tree)
    if let detail = layout.detail {
      if layout.detailOnRight {
        for row in detail.row..<(detail.row + detail.rows) {
          frame.draw(
            context.glyphs.vertical, row: row, col: detail.col - 1, style: context.style(.border))
        }
      }
      drawDetail(into: frame, rect: detail)
    }
    statusLine().draw(into: frame, rect: layout.status, context: context)
    messageLine().draw(into: frame, rect: layout.message, context: context)
    if case .help(let scroll) = mode {
      HelpOverlay(scroll: scroll).draw(into: frame, context: context)
    }
  }

  mutating func keepCursorVisible(rows: Int) {
    let count = outline.rowCount
    cursor = max(0, min(cursor, count - 1))
    guard rows > 0 else { return }
    if cursor < scroll { scroll = cursor }
    if cursor >= scroll + rows { scroll = cursor - rows + 1 }
    scroll = max(0, min(scroll, max(0, count - rows)))
  }

  func titleBar() -> TitleBar {
    let name = document.source.split(separator: "/").last.map(String.init) ?? document.source
    var summary: [String] = []
    let program = tree.programCount > 0 ? tree.program(0) : nil
    if let program, !program.name.isEmpty {
      let base = program.name.split(separator: "/").last.map(String.init) ?? program.name
      let clean = context.clean(base)
      summary.append(program.pid != 0 ? "\(clean) [pid \(program.pid)]" : clean)
    }
    summary.append("\(Units.count(tree.callCount)) calls")
    let threads = tree.roots.count
    summary.append("\(threads) thread\(threads == 1 ? "" : "s")")
    var filter = ""
    if let query = outline.filter {
      let counts = outline.filterCounts(in: document.tree)
      filter =
        "filter: \(query.source)  \(Units.count(counts.visible))/\(Units.count(counts.total))"
    }
    return TitleBar(
      source: context.clean(name),
      summary: titleSummary.map(context.clean)
        ?? summary.joined(separator: context.glyphs.separator),
      mode: loadProgress.map { "loading \(Int($0 * 100))%" }
        ?? context.clean(titleMode),
      filter: filter)
  }

  func drawTree(into frame: ScreenBuffer, rect: Rect) {
    guard !rect.isEmpty else { return }
    let builder = TreeRowBuilder(tree: tree, outline: outline, context: context, width: rect.cols)
    var rows: [TreeRowView] = []
    let end = min(outline.rowCount, scroll + rect.rows)
    if scroll < end {
      for row in scroll..<end {
        let node = outline.node(atRow: row)
        rows.append(diffRow(builder.row(for: node), node: node))
      }
    }
    let timed =
      tree.callCount > 0 && (0..<min(tree.count, 64)).contains { tree.start(of: $0) != nil }
    let highlighter: Highlighter?
    if case .prompt(.search, let editor) = mode {
      highlighter = Highlighter(pattern: editor.string)
    } else {
      highlighter = searchHighlighter
    }
    TreePane(
      rows: rows, cursor: outline.rowCount > 0 ? cursor - scroll : nil, focused: focus == .tree,
      durationWidth: timed ? 9 : 0, highlighter: highlighter
    ).draw(into: frame, rect: rect, context: context)
  }

  func drawDetail(into frame: ScreenBuffer, rect: Rect) {
    let body = detailBody(width: rect.cols)
    var selected: Int?
    if focus == .detail, !body.targets.isEmpty {
      selected = body.targets[min(detailSelection, body.targets.count - 1)].line
    }
    DetailPane(
      tabs: DetailTab.allCases.map(\.title), active: tab.rawValue, focused: focus == .detail,
      lines: body.lines, scroll: detailScroll, selectedLine: selected
    ).draw(into: frame, rect: rect, context: context)
  }

  func statusLine() -> StatusLine {
    var crumbs: [String] = []
    if let node = currentNode {
      for n in tree.ancestors(of: node) + [node] {
        crumbs.append(tree.kind(of: n) == .call ? tree.name(of: n) : tree.rowText(of: n))
      }
    }
    let count = outline.rowCount
    let position = count == 0 ? "0/0" : "\(Units.count(cursor + 1))/\(Units.count(count))"
    let percent = count == 0 ? "" : "\((cursor + 1) * 100 / count)%"
    return StatusLine(
      breadcrumb: crumbs, searchCounter: searchCounter, position: position, percent: percent)
  }

  func messageLine() -> MessageLine {
    if case .prompt(let kind, let editor) = mode {
      return MessageLine(content: .prompt(label: kind.label, editor: editor))
    }
    if let message { return MessageLine(content: message) }
    return MessageLine(content: .hint("? help  / search  \\ filter  Tab detail  q quit"))
  }
}
