/// Sends a frame to a terminal, writing only the cells that differ from the last frame sent.
package final class Presenter {
  private var shown: ScreenBuffer?

  package init() {}

  /// Forgets what the terminal shows, so the next frame is sent whole (after a resize).
  package func invalidate() { shown = nil }

  /// Writes the changed runs of `frame` to `terminal` and flushes; returns the cells written.
  @discardableResult
  package func present(_ frame: ScreenBuffer, to terminal: Terminal) -> Int {
    let size = frame.size
    let previous: ScreenBuffer?
    if let old = shown, old.size == size {
      previous = old
    } else {
      terminal.clearAll()
      previous = nil
    }
    var written = 0
    for row in 0..<size.rows {
      written += presentRow(row, frame: frame, previous: previous, terminal: terminal)
    }
    terminal.flush()
    shown = frame.copy()
    return written
  }

  private func presentRow(
    _ row: Int, frame: ScreenBuffer, previous: ScreenBuffer?, terminal: Terminal
  ) -> Int {
    let cols = frame.size.cols
    var first = 0
    var last = cols - 1
    if let previous {
      while first < cols && frame[row, first] == previous[row, first] { first += 1 }
      if first == cols { return 0 }
      while last > first && frame[row, last] == previous[row, last] { last -= 1 }
    }
    // Never start or end in the middle of a wide character.
    while first > 0 && frame[row, first].text.isEmpty { first -= 1 }
    while last + 1 < cols && frame[row, last + 1].text.isEmpty { last += 1 }
    var written = 0
    var start = first
    while start <= last {
      let style = frame[row, start].style
      var text = ""
      var end = start
      while end <= last && frame[row, end].style == style {
        text += frame[row, end].text
        end += 1
      }
      terminal.write(text, row: row, col: start, style: style)
      written += end - start
      start = end
    }
    return written
  }
}

extension ScreenBuffer {
  /// An independent copy of this buffer's cells.
  func copy() -> ScreenBuffer {
    let other = ScreenBuffer(rows: size.rows, cols: size.cols, colorsEnabled: colorsEnabled)
    other.replaceCells(with: cells)
    return other
  }
}
