import SwiftSyntax

/// Rewrites the exits of a traced initializer's body so each one records what it made.
///
/// A plain `return` gets `__ftCall.initialized(self)` before it (and, in a failable
/// initializer, first notes that it did not fail); `return nil` is left alone: the failable
/// shape's `defer` records `nil` for every exit that did not note success. Closures, local
/// functions and nested types keep their own `return`s.
final class InitializerExits: SyntaxRewriter {
  private let failable: Bool

  private init(failable: Bool) {
    self.failable = failable
    super.init(viewMode: .sourceAccurate)
  }

  /// The initializer's statements with every successful `return` recording `self` first.
  static func rewrite(_ statements: CodeBlockItemListSyntax, failable: Bool)
    -> CodeBlockItemListSyntax
  {
    InitializerExits(failable: failable).rewrite(statements).cast(CodeBlockItemListSyntax.self)
  }

  /// The statements that record a successful exit, before a `return` or at the body's end.
  static func successStatements(failable: Bool) -> [String] {
    (failable ? ["__ftSucceeded = true"] : []) + ["__ftCall.initialized(self)"]
  }

  /// True when control can reach the end of `statements` (its last statement is not a
  /// `return`, `throw` or a call of a `Never` function the syntax shows).
  static func fallsThrough(_ statements: CodeBlockItemListSyntax) -> Bool {
    guard let last = statements.last?.item else { return true }
    if last.is(ReturnStmtSyntax.self) || last.is(ThrowStmtSyntax.self) { return false }
    if let call = last.as(FunctionCallExprSyntax.self) {
      let name = call.calledExpression.trimmedDescription
      return !["fatalError", "preconditionFailure", "Swift.fatalError"].contains(name)
    }
    return true
  }

  override func visit(_ node: CodeBlockItemListSyntax) -> CodeBlockItemListSyntax {
    var items: [CodeBlockItemSyntax] = []
    for item in node {
      let rewritten = super.visit(item)
      guard let statement = rewritten.item.as(ReturnStmtSyntax.self),
        statement.expression == nil
      else {
        items.append(rewritten)
        continue
      }
      // The recording statements go where the `return` was; it follows on its own line.
      let leading = rewritten.leadingTrivia
      for (index, text) in Self.successStatements(failable: failable).enumerated() {
        let expression: ExprSyntax = "\(raw: text)"
        items.append(
          CodeBlockItemSyntax(
            leadingTrivia: index == 0 ? leading : .newline, item: .expr(expression)))
      }
      items.append(rewritten.with(\.leadingTrivia, .newline))
    }
    return CodeBlockItemListSyntax(items)
  }

  override func visit(_ node: ClosureExprSyntax) -> ExprSyntax { ExprSyntax(node) }
  override func visit(_ node: FunctionDeclSyntax) -> DeclSyntax { DeclSyntax(node) }
  override func visit(_ node: AccessorBlockSyntax) -> AccessorBlockSyntax { node }
  override func visit(_ node: StructDeclSyntax) -> DeclSyntax { DeclSyntax(node) }
  override func visit(_ node: ClassDeclSyntax) -> DeclSyntax { DeclSyntax(node) }
  override func visit(_ node: EnumDeclSyntax) -> DeclSyntax { DeclSyntax(node) }
  override func visit(_ node: ActorDeclSyntax) -> DeclSyntax { DeclSyntax(node) }
}
