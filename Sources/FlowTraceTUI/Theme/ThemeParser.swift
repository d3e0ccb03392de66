/// A wrong line in a theme file, reported as `file:line: message`.
package struct ThemeError: Error, Equatable, CustomStringConvertible {
  package var file: String
  package var line: Int
  package var message: String

  package var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}

/// Reads theme files: one rule a line, `color AREA FG BG [ATTR...]`, `#` comments.
package enum ThemeParser {
  /// Parses `text`; `file` names it in errors.
  package static func parse(_ text: String, file: String, name: String) throws(ThemeError) -> Theme {
    var theme = Theme(name: name)
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.drop { $0 == " " || $0 == "\t" }
      if line.isEmpty || line.hasPrefix("#") { continue }
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      func fail(_ message: String) -> ThemeError {
        ThemeError(file: file, line: lineNumber, message: message)
      }
      guard words.first == "color" else {
        throw fail("expected 'color AREA FG BG [ATTR...]', got '\(words.first ?? "")'")
      }
      guard words.count >= 4 else {
        throw fail("'color' needs an area, a foreground and a background")
      }
      guard let area = ThemeArea(rawValue: String(words[1])) else {
        throw fail("unknown area '\(words[1])'")
      }
      guard let fg = color(words[2]) else { throw fail("unknown colour '\(words[2])'") }
      guard let bg = color(words[3]) else { throw fail("unknown colour '\(words[3])'") }
      var attrs: TextAttributes = []
      for word in words.dropFirst(4) {
        if word == "normal" { continue }
        guard let attr = TextAttributes.names.first(where: { $0.0 == word })?.1 else {
          throw fail("unknown attribute '\(word)'")
        }
        attrs.insert(attr)
      }
      theme.styles[area] = TextStyle(fg: fg, bg: bg, attrs: attrs)
    }
    return theme
  }

  static let colorNames: [String: UInt8] = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6,
    "white": 7, "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10,
    "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14,
    "bright-white": 15,
  ]

  /// A colour word: `default`, a name, `colorN` or `N` (0-255).
  static func color(_ word: Substring) -> TermColor? {
    let lower = word.lowercased()
    if lower == "default" || lower == "-1" { return .default }
    if let index = colorNames[lower] { return .index(index) }
    let digits = lower.hasPrefix("color") ? String(lower.dropFirst(5)) : lower
    if let n = UInt8(digits) { return .index(n) }
    return nil
  }
}
