/// A terminal's size in character cells.
package struct TerminalSize: Hashable, Sendable {
  package var rows: Int
  package var cols: Int

  package init(rows: Int, cols: Int) {
    self.rows = rows
    self.cols = cols
  }
}

/// What the explorer needs from a terminal: its size, writing styled text, and keys.
///
/// Text given to `write` is already laid out: it fits the row from `col` on and holds no
/// control characters. The curses backend and the in-memory `ScreenBuffer` implement it.
package protocol Terminal: AnyObject {
  /// The current size in cells.
  var size: TerminalSize { get }
  /// Whether colours may be used (false means attributes only).
  var colorsEnabled: Bool { get }
  /// Writes `text` at (`row`, `col`) in `style`.
  func write(_ text: String, row: Int, col: Int, style: TextStyle)
  /// Blanks the whole screen (used after a resize).
  func clearAll()
  /// Makes everything written since the last flush visible.
  func flush()
  /// Waits up to `timeoutMs` milliseconds for a key; nil when none came.
  func readKey(timeoutMs: Int) -> Key?
  /// True when no key can ever come again (a scripted terminal ran out of keys).
  var inputEnded: Bool { get }
  /// Gives the terminal back to the shell and stops the process (Ctrl-Z); returns on `fg`.
  func suspend()
}

extension Terminal {
  package func suspend() {}
}
