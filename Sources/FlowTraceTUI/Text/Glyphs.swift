/// The symbols the explorer draws, in Unicode or plain ASCII.
public struct Glyphs: Sendable, Equatable {
  public var folded: String
  public var unfolded: String
  public var leaf: String
  public var guideBar: String
  public var guideTee: String
  public var guideEnd: String
  public var guideSpace: String
  public var arrow: String
  public var errorMark: String
  public var taskMark: String
  public var ellipsis: String
  public var breadcrumb: String
  public var vertical: String
  public var horizontal: String
  public var loss: String
  /// Between parts of the title's summary.
  public var separator: String

  /// Box drawing and arrows, for UTF-8 terminals.
  public static let unicode = Glyphs(
    folded: "▸", unfolded: "▾", leaf: " ", guideBar: "│ ", guideTee: "├ ", guideEnd: "└ ",
    guideSpace: "  ", arrow: "→", errorMark: "↯", taskMark: "⧗", ellipsis: "…",
    breadcrumb: " › ", vertical: "│", horizontal: "─", loss: "⚠", separator: " · ")

  /// Seven-bit replacements, for `--ascii` and non-UTF-8 locales.
  public static let ascii = Glyphs(
    folded: ">", unfolded: "v", leaf: " ", guideBar: "| ", guideTee: "|-", guideEnd: "`-",
    guideSpace: "  ", arrow: "->", errorMark: "!", taskMark: "&", ellipsis: "~",
    breadcrumb: " > ", vertical: "|", horizontal: "-", loss: "!!", separator: " - ")
}
