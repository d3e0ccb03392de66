/// One tree row ready to draw: guides, fold mark, text segments and the duration column.
package struct TreeRowView: Equatable, Sendable {
  /// Indentation guides (`│ ├ `), already composed from the glyph set.
  package var guides: String
  /// Fold mark (`▸`, `▾` or a blank for a leaf).
  package var fold: String
  package var segments: [Segment]
  /// Right-aligned duration text, empty when the call has none.
  package var duration: String
  /// The duration is a large share of the parent's (drawn in `duration-hot`).
  package var hot: Bool

  package init(guides: String, fold: String, segments: [Segment], duration: String, hot: Bool) {
    self.guides = guides
    self.fold = fold
    self.segments = segments
    self.duration = duration
    self.hot = hot
  }
}

/// The tree pane: rows from the scroll offset, the cursor row highlighted.
struct TreePane {
  var rows: [TreeRowView]
  /// Index in `rows` of the cursor row, if it is on screen.
  var cursor: Int?
  var focused: Bool
  /// Width of the duration column (0 when the trace has no timing).
  var durationWidth: Int
  var highlighter: Highlighter?

  func draw(into screen: ScreenBuffer, rect: Rect, context: RenderContext) {
    let treeStyle = context.style(.tree)
    for i in 0..<rect.rows {
      let row = rect.row + i
      guard i < rows.count else {
        screen.fill(row: row, col: rect.col, width: rect.cols, style: treeStyle)
        continue
      }
      let view = rows[i]
      let isCursor = cursor == i
      let base: ThemeArea? = isCursor ? (focused ? .cursor : .cursorBlur) : nil
      let baseStyle = base.map(context.style) ?? treeStyle
      screen.fill(row: row, col: rect.col, width: rect.cols, style: baseStyle)
      let durationCols = durationWidth > 0 && rect.cols >= 30 ? durationWidth + 1 : 0
      let textCols = rect.cols - durationCols
      var col = rect.col
      col += screen.drawSegments(
        [Segment(view.guides, .guide), Segment(view.fold, .foldMark)], row: row, col: col,
        width: textCols, context: context, base: base)
      if col < rect.col + textCols {
        col += screen.draw(" ", row: row, col: col, style: baseStyle)
      }
      let room = rect.col + textCols - col
      if room > 0 {
        let text = view.segments.map(\.text).joined()
        let ranges = highlighter?.ranges(in: text) ?? []
        screen.drawSegments(
          view.segments, row: row, col: col, width: room, context: context, base: base,
          highlight: ranges)
      }
      if durationCols > 0 && !view.duration.isEmpty {
        let area = view.hot ? ThemeArea.durationHot : .duration
        let style = base.map { context.theme.style(area, onRow: $0) } ?? context.style(area)
        screen.draw(
          TextFit.padLeft(view.duration, width: durationWidth), row: row,
          col: rect.col + textCols, style: style)
      }
    }
  }
}
