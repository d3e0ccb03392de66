import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@Trace` functions nested in a traced body. The compiler refuses a macro whose
/// expansion contains the same macro ("recursive expansion"), so the outer expansion does
/// the inner ones itself and drops their attribute.
final class NestedTraces<Context: MacroExpansionContext>: SyntaxRewriter {
  private let context: Context

  init(context: Context) {
    self.context = context
    super.init(viewMode: .sourceAccurate)
  }

  override func visit(_ node: FunctionDeclSyntax) -> DeclSyntax {
    guard let index = node.attributes.firstIndex(where: TraceAttribute.isTrace),
      case .attribute(let attribute) = node.attributes[index]
    else { return super.visit(node) }
    guard let traced = TracedFunction(function: node),
      let flags = TraceMacro.flagArguments(of: attribute, in: context)
    else { return DeclSyntax(node) }
    let items = TraceMacro.body(
      of: traced, typePrefix: QualifiedName.typePrefix(of: node), nameToken: Syntax(node.name),
      flags: flags, in: context)
    var attributes = node.attributes
    attributes.remove(at: index)
    var decl = node.with(\.attributes, attributes)
    if attributes.isEmpty {
      // Keep the line break or space that came before the removed attribute.
      decl = decl.with(\.leadingTrivia, node.leadingTrivia)
    }
    let body = traced.body
      .with(\.leftBrace, traced.body.leftBrace.with(\.trailingTrivia, []))
      .with(\.statements, CodeBlockItemListSyntax(items.map { $0.with(\.leadingTrivia, .newline) }))
      .with(\.rightBrace, .rightBraceToken(leadingTrivia: .newline))
    return DeclSyntax(decl.with(\.body, body))
  }
}
