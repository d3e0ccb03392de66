/// The title bar: source, summary and mode on the left, the active filter on the right.
/// `source` and `summary` arrive sanitised (they mix trace text with the explorer's own).
struct TitleBar {
  var source: String
  var summary: String
  /// LIVE, FOLLOW, PAUSED… (live mode), empty for a file.
  var mode: String
  /// `filter: fib >1ms (12/345)`, empty without a filter.
  var filter: String

  func draw(into screen: ScreenBuffer, rect: Rect, context: RenderContext) {
    guard !rect.isEmpty else { return }
    let style = context.style(.title)
    screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: style)
    var right: [Segment] = []
    if !filter.isEmpty { right.append(Segment(" " + context.clean(filter) + " ", .titleFilter)) }
    if !mode.isEmpty { right.append(Segment(" " + mode + " ", .titleFilter)) }
    let left = [
      Segment(" " + source, .title),
      Segment(summary.isEmpty ? "" : "  " + summary, .title),
    ]
    // The summary (counts, how programs ended, losses) keeps its room: the mode and filter
    // (a socket path can be long) give way first, down to a quarter of the bar.
    let leftNatural = left.reduce(0) { $0 + DisplayWidth.of($1.text) }
    let rightWidth = min(
      rect.cols / 2 + rect.cols / 4, right.reduce(0) { $0 + DisplayWidth.of($1.text) },
      max(rect.cols / 4, rect.cols - leftNatural - 1))
    let leftWidth = max(0, rect.cols - rightWidth - (rightWidth > 0 ? 1 : 0))
    screen.drawSegments(left, row: rect.row, col: rect.col, width: leftWidth, context: context)
    if rightWidth > 0 {
      screen.drawSegments(
        right, row: rect.row, col: rect.col + rect.cols - rightWidth, width: rightWidth,
        context: context)
    }
  }
}

/// The status line: breadcrumb on the left; search counter, position and percentage right.
struct StatusLine {
  var breadcrumb: [String]
  var searchCounter: String
  var position: String
  var percent: String

  func draw(into screen: ScreenBuffer, rect: Rect, context: RenderContext) {
    guard !rect.isEmpty else { return }
    let style = context.style(.status)
    screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: style)
    let parts = [searchCounter, position, percent].filter { !$0.isEmpty }
    let right = parts.joined(separator: "  ") + " "
    let rightWidth = DisplayWidth.of(right) <= rect.cols ? DisplayWidth.of(right) : 0
    if rightWidth > 0 {
      screen.draw(right, row: rect.row, col: rect.col + rect.cols - rightWidth, style: style)
    }
    let room = rect.cols - rightWidth - 2
    guard room > 0 else { return }
    let crumb = Self.fitBreadcrumb(
      breadcrumb.map(context.clean), width: room, glyphs: context.glyphs)
    screen.draw(" " + crumb, row: rect.row, col: rect.col, style: style, maxWidth: room + 1)
  }

  /// Joins the names with ` › `, dropping from the left (shown as `…`) until it fits.
  static func fitBreadcrumb(_ names: [String], width: Int, glyphs: Glyphs) -> String {
    var parts = names
    var text = parts.joined(separator: glyphs.breadcrumb)
    var dropped = false
    while DisplayWidth.of(text) > width && parts.count > 1 {
      parts.removeFirst()
      dropped = true
      text = glyphs.ellipsis + glyphs.breadcrumb + parts.joined(separator: glyphs.breadcrumb)
    }
    if dropped && DisplayWidth.of(text) > width, let last = parts.last {
      text = last
    }
    return TextFit.truncate(text, width: width, ellipsis: glyphs.ellipsis)
  }
}

/// The bottom line: a prompt being edited, or a message (info or error), or a hint.
struct MessageLine {
  enum Content: Equatable {
    case prompt(label: String, editor: LineEditor)
    case info(String)
    case error(String)
    case hint(String)
  }

  var content: Content

  func draw(into screen: ScreenBuffer, rect: Rect, context: RenderContext) {
    guard !rect.isEmpty else { return }
    switch content {
    case .prompt(let label, let editor):
      let base = context.style(.message)
      screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: base)
      let used = screen.draw(label, row: rect.row, col: rect.col, style: context.style(.prompt))
      let room = rect.cols - used - 1
      guard room > 0 else { return }
      // Scroll the text so the cursor stays visible.
      let chars = editor.text.map { context.clean(String($0)) }
      var start = 0
      func width(_ from: Int, _ to: Int) -> Int {
        chars[from..<to].reduce(0) { $0 + DisplayWidth.of($1) }
      }
      while width(start, editor.cursor) > room - 1 { start += 1 }
      var col = rect.col + used
      for (i, ch) in chars.enumerated().dropFirst(start) {
        let w = DisplayWidth.of(ch)
        if col + w > rect.col + rect.cols - 1 { break }
        let style = i == editor.cursor ? base.adding(.reverse) : base
        col += screen.draw(ch, row: rect.row, col: col, style: style)
      }
      if editor.cursor >= chars.count {
        let cursorCol = rect.col + used + width(start, editor.cursor)
        screen.draw(" ", row: rect.row, col: cursorCol, style: base.adding(.reverse))
      }
    case .info(let text), .hint(let text):
      let style = context.style(.message)
      screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: style)
      let s = isHint ? style.adding(.dim) : style
      screen.draw(
        TextFit.truncate(context.clean(text), width: rect.cols, ellipsis: context.glyphs.ellipsis),
        row: rect.row, col: rect.col, style: s)
    case .error(let text):
      screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: context.style(.message))
      screen.draw(
        TextFit.truncate(context.clean(text), width: rect.cols, ellipsis: context.glyphs.ellipsis),
        row: rect.row, col: rect.col, style: context.style(.messageError))
    }
  }

  private var isHint: Bool {
    if case .hint = content { return true }
    return false
  }
}
