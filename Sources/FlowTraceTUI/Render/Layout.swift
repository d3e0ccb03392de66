/// A rectangle of cells.
package struct Rect: Equatable, Sendable {
  package var row: Int
  package var col: Int
  package var rows: Int
  package var cols: Int

  package init(row: Int, col: Int, rows: Int, cols: Int) {
    self.row = row
    self.col = col
    self.rows = max(0, rows)
    self.cols = max(0, cols)
  }

  package var isEmpty: Bool { rows == 0 || cols == 0 }
}

/// Where the detail pane goes.
package enum DetailPlacement: Equatable, Sendable {
  /// Right when the terminal is wide, below when it is narrow but tall, hidden when tiny.
  case auto
  case right
  case below
}

/// The screen split into title, tree, detail pane, status and message lines.
package struct Layout: Equatable, Sendable {
  package var title: Rect
  package var tree: Rect
  /// The detail pane (its first row holds the tab names), or nil when hidden or no room.
  package var detail: Rect?
  /// True when the detail pane sits to the right (a vertical border precedes it).
  package var detailOnRight: Bool
  package var status: Rect
  package var message: Rect

  /// Terminals at least this wide put the detail pane on the right in `auto`.
  package static let wideColumns = 100

  /// Splits `size`; `share` is the detail pane's fraction of the width or height.
  package static func compute(
    size: TerminalSize, showDetail: Bool, placement: DetailPlacement, share: Double
  ) -> Layout {
    let rows = max(0, size.rows)
    let cols = max(0, size.cols)
    let empty = Rect(row: 0, col: 0, rows: 0, cols: 0)
    // Lines from the bottom: message, then status, then title on top, as room allows.
    let message = rows >= 1 ? Rect(row: rows - 1, col: 0, rows: 1, cols: cols) : empty
    let status = rows >= 3 ? Rect(row: rows - 2, col: 0, rows: 1, cols: cols) : empty
    let title = rows >= 4 ? Rect(row: 0, col: 0, rows: 1, cols: cols) : empty
    let top = title.isEmpty ? 0 : 1
    let bodyRows = max(0, rows - top - (status.isEmpty ? 0 : 1) - (message.isEmpty ? 0 : 1))
    let body = Rect(row: top, col: 0, rows: bodyRows, cols: cols)

    var onRight: Bool
    switch placement {
    case .right: onRight = true
    case .below: onRight = false
    case .auto: onRight = cols >= wideColumns
    }
    var visible = showDetail
    if placement == .auto {
      visible = visible && (onRight ? cols >= 60 : bodyRows >= 12)
    } else {
      visible = visible && (onRight ? cols >= 30 : bodyRows >= 6)
    }
    guard visible else {
      return Layout(
        title: title, tree: body, detail: nil, detailOnRight: false, status: status,
        message: message)
    }
    let fraction = min(0.8, max(0.2, share))
    if onRight {
      let width = max(10, Int(Double(cols) * fraction))
      let treeCols = cols - width - 1
      return Layout(
        title: title, tree: Rect(row: body.row, col: 0, rows: bodyRows, cols: treeCols),
        detail: Rect(row: body.row, col: treeCols + 1, rows: bodyRows, cols: width),
        detailOnRight: true, status: status, message: message)
    }
    let height = max(3, Int(Double(bodyRows) * fraction))
    let treeRows = bodyRows - height
    return Layout(
      title: title, tree: Rect(row: body.row, col: 0, rows: treeRows, cols: cols),
      detail: Rect(row: body.row + treeRows, col: 0, rows: height, cols: cols),
      detailOnRight: false, status: status, message: message)
  }
}
