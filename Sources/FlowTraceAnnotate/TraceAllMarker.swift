import Foundation
import SwiftSyntax

/// The two ways a type or extension asks for all its members to be traced: the `@TraceAll`
/// attribute, or the comment `flowtrace annotate` leaves in its place once it has written
/// `@Trace` on each member (`/* flowtrace annotate: @TraceAll */`).
enum TraceAllMarker {
  /// The comment's text for an attribute written as `attribute` (`@TraceAll(showArgs: false)`).
  static func comment(for attribute: String) -> String {
    "/* flowtrace annotate: \(attribute) */"
  }

  private static let commentPrefix = "/* flowtrace annotate: "

  /// The `@TraceAll` attribute of a declaration, qualified or not.
  static func attribute(in attributes: AttributeListSyntax) -> AttributeSyntax? {
    for element in attributes {
      guard case .attribute(let attribute) = element else { continue }
      let name = attribute.attributeName.trimmedDescription
      if name == "TraceAll" || name == "FlowTrace.TraceAll" { return attribute }
    }
    return nil
  }

  /// The attribute text a marker comment carries (`@TraceAll(showArgs: false)`), looked for
  /// in the trivia from the declaration's start to its keyword.
  static func commentedAttribute(of node: some DeclGroupSyntax) -> String? {
    let end = node.memberBlock.leftBrace.position
    for token in node.tokens(viewMode: .sourceAccurate) {
      if token.position >= end { break }
      for piece in token.leadingTrivia + token.trailingTrivia {
        guard case .blockComment(let text) = piece, text.hasPrefix(commentPrefix),
          text.hasSuffix("*/")
        else { continue }
        let inner = text.dropFirst(commentPrefix.count).dropLast(2)
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
      }
    }
    return nil
  }

  /// The `@Trace` attribute a member gets for a `@TraceAll` written as `attribute`: the same
  /// arguments (`@TraceAll(showArgs: false)` -> `@Trace(showArgs: false)`).
  /// The attribute is written on one line, so the member's line does not grow.
  static func memberAttribute(for attribute: String) -> String {
    guard let open = attribute.firstIndex(of: "(") else { return "@Trace" }
    let arguments = attribute[attribute.index(after: open)...].dropLast()
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return "@Trace(\(arguments))"
  }
}
