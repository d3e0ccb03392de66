/// One character cell: a grapheme (empty for the right half of a wide character) and its style.
package struct Cell: Hashable, Sendable {
  package var text: String
  package var style: TextStyle

  package init(text: String = " ", style: TextStyle = .plain) {
    self.text = text
    self.style = style
  }
}

/// An in-memory terminal: a grid of styled cells. The explorer draws every frame into one, the
/// presenter diffs frames, and tests compare its text dump with whole-screen snapshots.
package final class ScreenBuffer: Terminal {
  package private(set) var size: TerminalSize
  package private(set) var cells: [Cell]
  package var colorsEnabled: Bool
  /// Keys `readKey` hands out, first to last (a scripted user).
  package var pendingKeys: [Key] = []
  /// Cells written through `write` since the counter was last reset (to check partial redraws).
  package var cellsWritten = 0

  package init(rows: Int, cols: Int, colorsEnabled: Bool = true) {
    size = TerminalSize(rows: max(0, rows), cols: max(0, cols))
    cells = Array(repeating: Cell(), count: max(0, rows) * max(0, cols))
    self.colorsEnabled = colorsEnabled
  }

  /// Changes the size, blanking every cell.
  package func resize(rows: Int, cols: Int) {
    size = TerminalSize(rows: max(0, rows), cols: max(0, cols))
    cells = Array(repeating: Cell(), count: size.rows * size.cols)
  }

  /// Replaces every cell at once (same count), for copies.
  func replaceCells(with other: [Cell]) {
    if other.count == cells.count { cells = other }
  }

  package subscript(row: Int, col: Int) -> Cell {
    get { cells[row * size.cols + col] }
    set { cells[row * size.cols + col] = newValue }
  }

  /// Sets every cell to a blank in `style`.
  package func clear(style: TextStyle = .plain) {
    for i in cells.indices { cells[i] = Cell(text: " ", style: style) }
  }

  /// Blanks `width` cells of `row` from `col` in `style`.
  package func fill(row: Int, col: Int, width: Int, style: TextStyle) {
    guard row >= 0, row < size.rows else { return }
    let start = max(0, col)
    let end = min(size.cols, col + width)
    guard start < end else { return }
    for c in start..<end { self[row, c] = Cell(text: " ", style: style) }
  }

  /// Draws `text` from (`row`, `col`), clipped at `maxWidth` cells and the right edge; returns
  /// the cells used. Control characters that slipped through sanitising show as `?`.
  @discardableResult
  package func draw(
    _ text: String, row: Int, col: Int, style: TextStyle, maxWidth: Int = .max
  ) -> Int {
    guard row >= 0, row < size.rows, col >= 0, col < size.cols else { return 0 }
    let limit = maxWidth >= size.cols ? size.cols : min(size.cols, col + max(0, maxWidth))
    var c = col
    for ch in text {
      var glyph = String(ch)
      var w = DisplayWidth.of(ch)
      if ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
        glyph = "?"
        w = 1
      }
      if w == 0 {
        // A lone combining mark joins the previous cell.
        if c > col { self[row, c - 1].text += glyph }
        continue
      }
      if c + w > limit {
        if w == 2 && c < limit { self[row, c] = Cell(text: " ", style: style) }
        c = limit
        break
      }
      self[row, c] = Cell(text: glyph, style: style)
      if w == 2 { self[row, c + 1] = Cell(text: "", style: style) }
      c += w
    }
    return c - col
  }

  /// The screen as text, one line a row, trailing blanks removed.
  package func text() -> String {
    (0..<size.rows).map { line($0) }.joined(separator: "\n")
  }

  /// One row as text, trailing blanks removed.
  package func line(_ row: Int) -> String {
    var s = ""
    for c in 0..<size.cols { s += self[row, c].text }
    while s.last == " " { s.removeLast() }
    return s
  }

  /// The attribute names of one row as runs, e.g. `0-19 reverse bold`, for theme snapshots.
  package func styleRuns(_ row: Int) -> [String] {
    var runs: [String] = []
    var start = 0
    while start < size.cols {
      let style = self[row, start].style
      var end = start
      while end + 1 < size.cols && self[row, end + 1].style == style { end += 1 }
      runs.append("\(start)-\(end) \(Self.describe(style))")
      start = end + 1
    }
    return runs
  }

  static func describe(_ style: TextStyle) -> String {
    var parts = [style.attrs.description]
    if style.fg != .default || style.bg != .default {
      parts.append("fg=\(colorName(style.fg)) bg=\(colorName(style.bg))")
    }
    return parts.joined(separator: " ")
  }

  private static func colorName(_ color: TermColor) -> String {
    switch color {
    case .default: return "default"
    case .index(let i): return "\(i)"
    }
  }

  // MARK: Terminal

  package func write(_ text: String, row: Int, col: Int, style: TextStyle) {
    cellsWritten += draw(text, row: row, col: col, style: style)
  }

  package func clearAll() { clear() }

  package func flush() {}

  package func readKey(timeoutMs: Int) -> Key? {
    pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
  }

  package var inputEnded: Bool { pendingKeys.isEmpty }

  /// Times `suspend` was called (a scripted terminal does not stop).
  package private(set) var suspensions = 0

  package func suspend() { suspensions += 1 }
}
