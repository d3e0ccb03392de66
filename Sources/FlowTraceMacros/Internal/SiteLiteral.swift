import SwiftSyntax
import SwiftSyntaxMacros

/// The call-site string `name TAB labels TAB fileID TAB line`, written as one string literal.
enum SiteLiteral {
  /// The literal's source text, quotes included.
  static func make(
    qualifiedName: String,
    labels: [String],
    location: AbstractSourceLocation?
  ) -> String {
    let file = location.map { literalText($0.file) } ?? "?"
    let line = location.map { $0.line.trimmedDescription } ?? "0"
    // The file comes as the source text of a literal: already escaped.
    let fields = [escaped(qualifiedName), escaped(labels.joined(separator: ",")), file, line]
    return "\"" + fields.joined(separator: "\\t") + "\""
  }

  /// The source text inside a string literal expression (`"App/Fib.swift"` -> `App/Fib.swift`).
  private static func literalText(_ expr: ExprSyntax) -> String {
    guard let literal = expr.as(StringLiteralExprSyntax.self) else {
      return "?"
    }
    return literal.segments.compactMap { $0.as(StringSegmentSyntax.self)?.content.text }
      .joined()
  }

  /// Escapes a field for a Swift string literal (the field is already raw text).
  private static func escaped(_ field: String) -> String {
    var out = ""
    for character in field {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }
}
