import SwiftDiagnostics
import SwiftSyntax

/// The fix-it offered where `@Trace` cannot go: remove the attribute.
struct RemoveAttributeFixIt: FixItMessage {
  var message: String { "remove '@Trace'" }

  var fixItID: MessageID { MessageID(domain: "FlowTraceMacros", id: "removeAttribute") }

  /// A fix-it that drops `attribute` (and the space after it).
  static func fixIts(removing attribute: AttributeSyntax) -> [FixIt] {
    // The attribute's range includes its trivia: keep the line break before it.
    let nothing = TokenSyntax(
      .unknown(""), leadingTrivia: attribute.leadingTrivia, presence: .present)
    return [
      FixIt(
        message: RemoveAttributeFixIt(),
        changes: [
          .replace(oldNode: Syntax(attribute), newNode: Syntax(nothing))
        ])
    ]
  }
}
