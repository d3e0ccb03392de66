import Foundation
import Testing

@testable import FlowTraceTUI

/// Every foreground/background pair a shipped theme can put on screen, the cursor row
/// included, must reach WCAG 2's contrast minimum (4.5:1 for text, 3:1 for the line-drawing
/// guides and borders, WCAG 1.4.11) with colours as xterm draws them (`XtermPalette`).
/// Checked twice: over the theme's rules (every area alone, and on the cursor and blurred
/// cursor rows as `Theme.style(_:onRow:)` composes them), and over every cell of real frames
/// (the sample trace with the cursor on each row, focused and blurred). Not modelled: `dim`
/// (terminals draw it differently), xterm's bold-as-bright.
@Suite struct ThemeContrastTests {
  /// Every theme file in `themes/`, so a new theme is checked without being listed.
  static let shipped: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? [])
    .filter { !$0.hasPrefix(".") }.sorted()

  /// The terminal a theme is made for: `light` on a light background, the rest on a dark one.
  static func palette(for theme: String) -> XtermPalette {
    theme == "light" ? .light : .dark
  }

  static let textMinimum = 4.5
  static let graphicsMinimum = 3.0
  /// Areas that draw only line-drawing graphics (`│├└`, pane borders), not text.
  static let graphics: Set<ThemeArea> = [.guide, .border]

  /// One pair that falls short, described for the failure message.
  static func shortfall(
    _ what: String, _ style: TextStyle, palette: XtermPalette, minimum: Double
  ) -> String? {
    let (fg, bg) = palette.colours(of: style)
    let ratio = fg.contrast(with: bg)
    guard ratio < minimum else { return nil }
    return "\(what): \(fg) on \(bg) is \((ratio * 100).rounded() / 100):1 (needs \(minimum))"
  }

  @Test func theShippedThemesAreAllFound() {
    #expect(
      Set(Self.shipped).isSuperset(of: [
        "default", "light", "solarized-dark", "mono", "high-contrast",
      ]))
  }

  @Test(arguments: shipped)
  func everyAreaAloneAndOnTheCursorRowsIsLegible(_ name: String) throws {
    let theme = try ThemeLoader.load(name, directories: [themesDirectory])
    let palette = Self.palette(for: name)
    var shortfalls: [String] = []
    for area in ThemeArea.allCases {
      let minimum = Self.graphics.contains(area) ? Self.graphicsMinimum : Self.textMinimum
      let alone = Self.shortfall(
        area.rawValue, theme.style(area), palette: palette, minimum: minimum)
      shortfalls += [alone].compactMap { $0 }
      for row in [ThemeArea.cursor, .cursorBlur] {
        let onRow = theme.style(area, onRow: row)
        let what = "\(area.rawValue) on the \(row.rawValue) row"
        shortfalls += [Self.shortfall(what, onRow, palette: palette, minimum: minimum)].compactMap {
          $0
        }
      }
    }
    #expect(shortfalls == [], "theme \(name)")
  }

  @Test(arguments: shipped)
  func everyCellOfRealFramesIsLegible(_ name: String) throws {
    let app = try SampleTrace.app(theme: name)
    app.handle(.char("E"))  // every row unfolded
    let palette = Self.palette(for: name)
    /// Each style on screen, with a cell drawn in it (the first seen) and where.
    var seen: [TextStyle: (text: String, place: String)] = [:]
    func collect(_ frame: ScreenBuffer, _ moment: String) {
      for row in 0..<frame.size.rows {
        for col in 0..<frame.size.cols {
          let cell = frame[row, col]
          guard cell.text.contains(where: { !$0.isWhitespace }), seen[cell.style] == nil else {
            continue
          }
          seen[cell.style] = (cell.text, "'\(cell.text)' at \(row),\(col) \(moment)")
        }
      }
    }
    let rows = app.state.outline.rowCount
    #expect(rows > 10)
    // The cursor on every row (tree focused), then blurred with the detail pane focused, on
    // each detail tab.
    collect(app.screen(rows: 30, cols: 110, keys: [.char("g")]), "cursor on row 0")
    for row in 1..<rows {
      collect(app.screen(rows: 30, cols: 110, keys: [.char("j")]), "cursor on row \(row)")
    }
    collect(
      app.screen(rows: 30, cols: 110, keys: [.char("g"), .char("x"), .tab]), "detail focused")
    for tab in 1...6 {
      collect(app.screen(rows: 30, cols: 110, keys: [.char("]")]), "detail tab \(tab)")
    }
    collect(app.screen(rows: 30, cols: 110, keys: [.char("?")]), "help")
    var shortfalls: [String] = []
    for (style, cell) in seen {
      // Box-drawing characters (guides, borders) are graphics.
      let graphic = cell.text.unicodeScalars.allSatisfy { (0x2500...0x257F).contains($0.value) }
      let minimum = graphic ? Self.graphicsMinimum : Self.textMinimum
      if let shortfall = Self.shortfall(cell.place, style, palette: palette, minimum: minimum) {
        shortfalls.append(shortfall)
      }
    }
    #expect(seen.count > 5)
    #expect(shortfalls.sorted() == [], "theme \(name)")
  }
}
