/// The text of a prompt (`/` search, `\` filter) and the editing keys it understands.
package struct LineEditor: Sendable, Equatable {
  /// What a key did to the prompt.
  package enum Outcome: Equatable, Sendable {
    case edited
    case submit(String)
    case cancel
    case ignored
  }

  package private(set) var text: [Character]
  /// Cursor position, 0...text.count.
  package private(set) var cursor: Int
  private var history: [String]
  private var historyIndex: Int

  package init(text: String = "", history: [String] = []) {
    self.text = Array(text)
    cursor = self.text.count
    self.history = history
    historyIndex = history.count
  }

  package var string: String { String(text) }

  /// Applies one key: printable characters insert, Enter submits, Esc/Ctrl-C/Ctrl-G cancel,
  /// Backspace on an empty line cancels; ←/→, Home/End, Ctrl-A/E/B/F move; Ctrl-K/U/W and
  /// Del delete; ↑/↓ walk the history.
  package mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .char(let c):
      text.insert(c, at: cursor)
      cursor += 1
    case .enter: return .submit(string)
    case .escape, .ctrl("c"), .ctrl("g"): return .cancel
    case .backspace, .ctrl("h"):
      if text.isEmpty { return .cancel }
      if cursor > 0 {
        text.remove(at: cursor - 1)
        cursor -= 1
      }
    case .delete, .ctrl("d"):
      if cursor < text.count { text.remove(at: cursor) }
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = text.count
    case .ctrl("k"): text.removeSubrange(cursor...)
    case .ctrl("u"):
      text.removeSubrange(..<cursor)
      cursor = 0
    case .ctrl("w"):
      var start = cursor
      while start > 0 && text[start - 1] == " " { start -= 1 }
      while start > 0 && text[start - 1] != " " { start -= 1 }
      text.removeSubrange(start..<cursor)
      cursor = start
    case .up:
      guard historyIndex > 0 else { return .ignored }
      historyIndex -= 1
      set(history[historyIndex])
    case .down:
      guard historyIndex < history.count else { return .ignored }
      historyIndex += 1
      set(historyIndex < history.count ? history[historyIndex] : "")
    default:
      return .ignored
    }
    return .edited
  }

  private mutating func set(_ s: String) {
    text = Array(s)
    cursor = text.count
  }
}
