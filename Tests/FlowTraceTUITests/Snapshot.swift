import Foundation
import Testing

@testable import FlowTraceTUI

/// Compares a whole screen with an expected multi-line literal. On a mismatch the actual
/// screen is also written to /tmp/flowtrace-tui-snapshots/NAME.txt for inspection.
func expectScreen(
  _ screen: ScreenBuffer, _ expected: String, _ name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let actual = screen.text()
  if actual != expected {
    let dir = "/tmp/flowtrace-tui-snapshots"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try? actual.write(toFile: "\(dir)/\(name).txt", atomically: true, encoding: .utf8)
  }
  #expect(actual == expected, "screen \(name) differs", sourceLocation: sourceLocation)
}

extension ScreenBuffer {
  /// The text of a rectangle of the screen, one line a row, trailing blanks removed.
  func text(of rect: Rect) -> String {
    (rect.row..<(rect.row + rect.rows)).map { row in
      var s = ""
      for c in rect.col..<(rect.col + rect.cols) { s += self[row, c].text }
      while s.last == " " { s.removeLast() }
      return s
    }.joined(separator: "\n")
  }
}
