import Foundation
import Testing

@testable import FlowTraceTUI

/// The repository's `themes/` directory, found from this file's path.
let themesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("themes").path

@Suite struct ThemeTests {
  static let shipped = ["default", "light", "solarized-dark", "mono", "high-contrast"]

  @Test(arguments: shipped)
  func shippedThemeParsesAndCoversEveryArea(name: String) throws {
    let theme = try ThemeLoader.load(name, directories: [themesDirectory])
    #expect(theme.name == name)
    let missing = ThemeArea.allCases.filter { theme.styles[$0] == nil }
    #expect(missing.isEmpty, "\(name) lacks \(missing)")
    // The cursor must stand out from plain rows.
    #expect(theme.style(.cursor) != theme.style(.tree))
  }

  @Test func parsesColoursAndAttributes() throws {
    let text = """
      # comment
      color cursor black cyan bold reverse

      color match color208 default underline
      color title 12 bright-black
      """
    let theme = try ThemeParser.parse(text, file: "t", name: "t")
    #expect(theme.style(.cursor) == TextStyle(fg: .black, bg: .cyan, attrs: [.bold, .reverse]))
    #expect(theme.style(.match) == TextStyle(fg: .index(208), bg: .default, attrs: .underline))
    #expect(theme.style(.title) == TextStyle(fg: .index(12), bg: .index(8)))
  }

  @Test(arguments: [
    ("colour cursor red blue", "t.theme:2: expected 'color AREA FG BG [ATTR...]', got 'colour'"),
    ("color cursor red", "t.theme:2: 'color' needs an area, a foreground and a background"),
    ("color nowhere red blue", "t.theme:2: unknown area 'nowhere'"),
    ("color cursor pink blue", "t.theme:2: unknown colour 'pink'"),
    ("color cursor red color300", "t.theme:2: unknown colour 'color300'"),
    ("color cursor red blue shiny", "t.theme:2: unknown attribute 'shiny'"),
  ])
  func reportsWrongLinesAsFileAndLine(line: String, expected: String) {
    #expect(throws: ThemeError.self) {
      try ThemeParser.parse("color tree default default\n" + line, file: "t.theme", name: "t")
    }
    do {
      _ = try ThemeParser.parse("color tree default default\n" + line, file: "t.theme", name: "t")
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test func loadsByPathAndReportsUnknownNames() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ft-theme-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bad").path
    try "color tree red blue\ncolor cursor red\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try ThemeLoader.load(path)
      Issue.record("a bad theme loaded")
    } catch {
      #expect(
        error.description == "\(path):2: 'color' needs an area, a foreground and a background")
    }
    do {
      _ = try ThemeLoader.load("no-such-theme", directories: [themesDirectory])
      Issue.record("an unknown theme loaded")
    } catch {
      #expect(error.description.hasPrefix("no-such-theme: no such theme (known: default,"))
    }
  }

  @Test func builtinDefaultMatchesTheShippedFile() throws {
    let file = try String(contentsOfFile: themesDirectory + "/default", encoding: .utf8)
    #expect(BuiltinTheme.defaultText + "\n" == file)
    let builtin = try ThemeLoader.load("default", directories: [])
    let shipped = try ThemeLoader.load("default", directories: [themesDirectory])
    #expect(builtin.styles == shipped.styles)
  }

  @Test func attributesOnlyKeepsEveryAreaVisibleAsMonoDoes() throws {
    let defaultTheme = try ThemeLoader.load("default", directories: [themesDirectory])
    let mono = try ThemeLoader.load("mono", directories: [themesDirectory])
    let stripped = defaultTheme.attributesOnly()
    for area in ThemeArea.allCases {
      #expect(stripped.style(area).fg == .default && stripped.style(area).bg == .default)
    }
    // Areas told apart only by colour fall back to the mono attributes.
    #expect(stripped.style(.cursor).attrs == mono.style(.cursor).attrs)
    #expect(stripped.style(.status).attrs == mono.style(.status).attrs)
    // Attributes written in the theme survive, joined with the mono ones.
    #expect(stripped.style(.match).attrs == [.bold, .underline])
    #expect(stripped.style(.title).attrs == [.bold, .reverse])
    #expect(mono.attributesOnly() == mono.attributesOnly().attributesOnly())
  }
}
