/// The symbols the explorer draws, in Unicode or plain ASCII.
package struct Glyphs: Sendable, Equatable {
  package var folded: String
  package var unfolded: String
  package var leaf: String
  package var guideBar: String
  package var guideTee: String
  package var guideEnd: String
  package var guideSpace: String
  package var arrow: String
  package var errorMark: String
  package var taskMark: String
  package var ellipsis: String
  package var breadcrumb: String
  package var vertical: String
  package var horizontal: String
  package var loss: String
  /// Between parts of the title's summary.
  package var separator: String

  /// Box drawing and arrows, for UTF-8 terminals.
  package static let unicode = Glyphs(
    folded: "▸", unfolded: "▾", leaf: " ", guideBar: "│ ", guideTee: "├ ", guideEnd: "└ ",
    guideSpace: "  ", arrow: "→", errorMark: "↯", taskMark: "⧗", ellipsis: "…",
    breadcrumb: " › ", vertical: "│", horizontal: "─", loss: "⚠", separator: " · ")

  /// Seven-bit replacements, for `--ascii` and non-UTF-8 locales.
  package static let ascii = Glyphs(
    folded: ">", unfolded: "v", leaf: " ", guideBar: "| ", guideTee: "|-", guideEnd: "`-",
    guideSpace: "  ", arrow: "->", errorMark: "!", taskMark: "&", ellipsis: "~",
    breadcrumb: " > ", vertical: "|", horizontal: "-", loss: "!!", separator: " - ")
}
