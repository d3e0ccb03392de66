/// Styles for every screen area, read from a theme file.
package struct Theme: Sendable, Equatable {
  /// The theme's name (file name without directory) for messages.
  package var name: String
  /// Styles set by rules; areas without a rule use `tree`'s style (or the terminal default).
  package var styles: [ThemeArea: TextStyle]

  package init(name: String, styles: [ThemeArea: TextStyle] = [:]) {
    self.name = name
    self.styles = styles
  }

  /// The style for `area`.
  package func style(_ area: ThemeArea) -> TextStyle {
    if let s = styles[area] { return s }
    if area.monoAttributes.isEmpty { return styles[.tree] ?? .plain }
    var base = styles[.tree] ?? .plain
    base.attrs.formUnion(area.monoAttributes)
    return base
  }

  /// The same theme without colours: each area keeps its attributes plus
  /// `ThemeArea.monoAttributes`, so bars, the cursor and matches stay visible (NO_COLOR,
  /// terminals without colours).
  package func attributesOnly() -> Theme {
    var out = Theme(name: name)
    for area in ThemeArea.allCases {
      let attrs = styles[area]?.attrs ?? []
      out.styles[area] = TextStyle(attrs: attrs.union(area.monoAttributes))
    }
    return out
  }
}
