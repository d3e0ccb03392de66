import SwiftParser
import SwiftSyntax

/// Why a file could not be annotated.
public enum AnnotateError: Error, CustomStringConvertible, Equatable {
  case unreadable
  case parseErrors(line: Int)

  public var description: String {
    switch self {
    case .unreadable: "not readable as UTF-8"
    case .parseErrors(let line): "does not parse (first error near line \(line))"
    }
  }
}

/// A parsed file that has no syntax errors (edits are only made to code that parses).
struct SourceTree {
  var syntax: SourceFileSyntax

  init(source: String, fileName: String) throws(AnnotateError) {
    syntax = Parser.parse(source: source)
    if syntax.hasError {
      let converter = SourceLocationConverter(fileName: fileName, tree: syntax)
      let bad = syntax.tokens(viewMode: .all).first { $0.hasError || $0.presence == .missing }
      throw .parseErrors(line: bad.map { converter.location(for: $0.position).line } ?? 0)
    }
  }
}

/// Replaces the UTF-8 bytes `start..<end` of a source text with `text`.
struct SourceEdit {
  var start: Int
  var end: Int
  var text: String

  /// `source` with every edit made (edits must not overlap; insertions at one offset keep
  /// their order).
  static func apply(_ edits: [SourceEdit], to source: String) -> String {
    var bytes = Array(source.utf8)
    let ordered = edits.enumerated().sorted {
      $0.element.start != $1.element.start
        ? $0.element.start > $1.element.start : $0.offset > $1.offset
    }
    for (_, edit) in ordered {
      bytes.replaceSubrange(edit.start..<edit.end, with: Array(edit.text.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
