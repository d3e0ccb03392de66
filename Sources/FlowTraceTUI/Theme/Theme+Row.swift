extension Theme {
  /// The style a part of `area` gets on a row drawn in `row`'s style (the cursor row, the
  /// selected detail line): the row's own colours and the part's attributes. A part keeps
  /// neither its foreground nor its background there, because a colour chosen for the
  /// terminal's background (a green result, a red error mark) can be unreadable on the row's
  /// (`ThemeContrastTests` checks every pair a theme can put on screen).
  package func style(_ area: ThemeArea, onRow row: ThemeArea) -> TextStyle {
    var style = self.style(row)
    style.attrs.formUnion(self.style(area).attrs)
    return style
  }
}
