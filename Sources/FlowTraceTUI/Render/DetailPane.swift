/// The detail pane: a tab bar, then lines of the active tab from the scroll offset.
struct DetailPane {
  /// The tab titles as they fit `width`: full, without `/Task`, or three letters.
  static func fitTabs(_ tabs: [String], width: Int) -> [String] {
    func need(_ titles: [String]) -> Int { titles.reduce(0) { $0 + DisplayWidth.of($1) + 1 } + 1 }
    if need(tabs) <= width { return tabs }
    let medium = tabs.map { $0.split(separator: "/").first.map(String.init) ?? $0 }
    if need(medium) <= width { return medium }
    return tabs.map { String($0.prefix(3)) }
  }

  var tabs: [String]
  var active: Int
  var focused: Bool
  var lines: [[Segment]]
  var scroll: Int
  /// Line index (in `lines`) shown as selected, for jumpable steps.
  var selectedLine: Int?

  func draw(into screen: ScreenBuffer, rect: Rect, context: RenderContext) {
    guard !rect.isEmpty else { return }
    let detailStyle = context.style(.detail)
    // Tab bar.
    screen.fill(row: rect.row, col: rect.col, width: rect.cols, style: context.style(.tab))
    let shown = Self.fitTabs(tabs, width: rect.cols)
    var col = rect.col
    for (i, tab) in shown.enumerated() {
      let remaining = rect.col + rect.cols - col
      guard remaining > 0 else { break }
      if i == active {
        var style = context.style(.tabActive)
        if focused { style.attrs.insert(.underline) }
        col += screen.draw(
          " " + tab + " ", row: rect.row, col: col, style: style, maxWidth: remaining)
      } else {
        let text = i == active + 1 ? tab : " " + tab
        col += screen.draw(
          text, row: rect.row, col: col, style: context.style(.tab), maxWidth: remaining)
      }
    }
    for i in 0..<(rect.rows - 1) {
      let row = rect.row + 1 + i
      screen.fill(row: row, col: rect.col, width: rect.cols, style: detailStyle)
      let index = scroll + i
      guard index < lines.count else { continue }
      let base: ThemeArea? = index == selectedLine ? (focused ? .cursor : .cursorBlur) : nil
      if let base {
        screen.fill(row: row, col: rect.col, width: rect.cols, style: context.style(base))
      }
      screen.drawSegments(
        lines[index], row: row, col: rect.col + 1, width: rect.cols - 1, context: context,
        base: base)
    }
  }
}
