/// A terminal colour: the terminal's default or an index in the 256-colour palette.
public enum TermColor: Hashable, Sendable {
  case `default`
  case index(UInt8)

  /// The eight basic colours, in curses order.
  public static let black = TermColor.index(0)
  public static let red = TermColor.index(1)
  public static let green = TermColor.index(2)
  public static let yellow = TermColor.index(3)
  public static let blue = TermColor.index(4)
  public static let magenta = TermColor.index(5)
  public static let cyan = TermColor.index(6)
  public static let white = TermColor.index(7)
}

/// Text attributes a terminal can show without colours.
public struct TextAttributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextAttributes(rawValue: 1 << 0)
  public static let dim = TextAttributes(rawValue: 1 << 1)
  public static let reverse = TextAttributes(rawValue: 1 << 2)
  public static let underline = TextAttributes(rawValue: 1 << 3)
  public static let italic = TextAttributes(rawValue: 1 << 4)
  public static let standout = TextAttributes(rawValue: 1 << 5)
  public static let blink = TextAttributes(rawValue: 1 << 6)

  /// Attribute names as theme files spell them, in a fixed order.
  public static let names: [(String, TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ("italic", .italic), ("standout", .standout), ("blink", .blink),
  ]

  /// The names of the attributes set, space separated (`bold reverse`), or `normal`.
  public var description: String {
    let set = Self.names.filter { contains($0.1) }.map(\.0)
    return set.isEmpty ? "normal" : set.joined(separator: " ")
  }
}

/// How a cell looks: foreground, background and attributes.
public struct TextStyle: Hashable, Sendable {
  public var fg: TermColor
  public var bg: TermColor
  public var attrs: TextAttributes

  public init(fg: TermColor = .default, bg: TermColor = .default, attrs: TextAttributes = []) {
    self.fg = fg
    self.bg = bg
    self.attrs = attrs
  }

  /// The terminal's default look.
  public static let plain = TextStyle()

  /// This style with `extra` attributes added.
  public func adding(_ extra: TextAttributes) -> TextStyle {
    var copy = self
    copy.attrs.formUnion(extra)
    return copy
  }
}
