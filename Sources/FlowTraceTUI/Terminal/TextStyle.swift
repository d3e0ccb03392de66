/// A terminal colour: the terminal's default or an index in the 256-colour palette.
package enum TermColor: Hashable, Sendable {
  case `default`
  case index(UInt8)

  /// The eight basic colours, in curses order.
  package static let black = TermColor.index(0)
  package static let red = TermColor.index(1)
  package static let green = TermColor.index(2)
  package static let yellow = TermColor.index(3)
  package static let blue = TermColor.index(4)
  package static let magenta = TermColor.index(5)
  package static let cyan = TermColor.index(6)
  package static let white = TermColor.index(7)
}

/// Text attributes a terminal can show without colours.
package struct TextAttributes: OptionSet, Hashable, Sendable {
  package let rawValue: UInt8
  package init(rawValue: UInt8) { self.rawValue = rawValue }

  package static let bold = TextAttributes(rawValue: 1 << 0)
  package static let dim = TextAttributes(rawValue: 1 << 1)
  package static let reverse = TextAttributes(rawValue: 1 << 2)
  package static let underline = TextAttributes(rawValue: 1 << 3)
  package static let italic = TextAttributes(rawValue: 1 << 4)
  package static let standout = TextAttributes(rawValue: 1 << 5)
  package static let blink = TextAttributes(rawValue: 1 << 6)

  /// Attribute names as theme files spell them, in a fixed order.
  package static let names: [(String, TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ("italic", .italic), ("standout", .standout), ("blink", .blink),
  ]

  /// The names of the attributes set, space separated (`bold reverse`), or `normal`.
  package var description: String {
    let set = Self.names.filter { contains($0.1) }.map(\.0)
    return set.isEmpty ? "normal" : set.joined(separator: " ")
  }
}

/// How a cell looks: foreground, background and attributes.
package struct TextStyle: Hashable, Sendable {
  package var fg: TermColor
  package var bg: TermColor
  package var attrs: TextAttributes

  package init(fg: TermColor = .default, bg: TermColor = .default, attrs: TextAttributes = []) {
    self.fg = fg
    self.bg = bg
    self.attrs = attrs
  }

  /// The terminal's default look.
  package static let plain = TextStyle()

  /// This style with `extra` attributes added.
  package func adding(_ extra: TextAttributes) -> TextStyle {
    var copy = self
    copy.attrs.formUnion(extra)
    return copy
  }
}
