import FlowTraceText
import FlowTraceWire

/// A run of text in one theme area; rows and detail lines are lists of them.
package struct Segment: Equatable, Sendable {
  package var text: String
  package var area: ThemeArea

  package init(_ text: String, _ area: ThemeArea) {
    self.text = text
    self.area = area
  }
}

/// What every renderer needs: the theme's styles and the glyph set.
package struct RenderContext: Sendable {
  package var theme: Theme
  package var glyphs: Glyphs
  /// True when non-ASCII text must be escaped (`--ascii`, non-UTF-8 locale).
  package var ascii: Bool

  package init(theme: Theme, ascii: Bool) {
    self.theme = theme
    self.ascii = ascii
    glyphs = ascii ? .ascii : .unicode
  }

  package func style(_ area: ThemeArea) -> TextStyle { theme.style(area) }

  /// Trace text made safe to show.
  package func clean(_ text: String) -> String { Sanitizer.clean(text, ascii: ascii) }
}

extension ScreenBuffer {
  /// Draws `segments` on `row` from `col`, within `width` cells; the last segment that does not
  /// fit ends with the ellipsis. On a row drawn in `base`'s area (the cursor row) each segment
  /// takes that area's colours and keeps its attributes (`Theme.style(_:onRow:)`); characters
  /// in `highlight` (offsets into the joined text) use the match style. Returns the cells used.
  @discardableResult
  func drawSegments(
    _ segments: [Segment], row: Int, col: Int, width: Int, context: RenderContext,
    base: ThemeArea? = nil, highlight: [Range<Int>] = []
  ) -> Int {
    guard width > 0 else { return 0 }
    let total = segments.reduce(0) { $0 + DisplayWidth.of($1.text) }
    let cut = total > width
    let budget = cut ? width - DisplayWidth.of(context.glyphs.ellipsis) : width
    var used = 0
    var offset = 0
    outer: for segment in segments {
      let style =
        base.map { context.theme.style(segment.area, onRow: $0) } ?? context.style(segment.area)
      for ch in segment.text {
        let w = DisplayWidth.of(ch)
        if used + w > budget { break outer }
        var s = style
        if highlight.contains(where: { $0.contains(offset) }) { s = context.style(.match) }
        used += draw(String(ch), row: row, col: col + used, style: s)
        offset += 1
      }
    }
    if cut && budget >= 0 {
      let style = context.style(base ?? segments.last?.area ?? .tree)
      used += draw(context.glyphs.ellipsis, row: row, col: col + used, style: style)
    }
    return used
  }
}
