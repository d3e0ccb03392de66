import SwiftSyntax
import SwiftSyntaxMacros

/// Builds `Outer.Inner.name` from the lexical contexts around a traced declaration.
enum QualifiedName {
  /// The qualified name of `declaration` called `name`, seen from `context`.
  static func of(
    _ name: String,
    declaration: some SyntaxProtocol,
    in context: some MacroExpansionContext
  ) -> String {
    var scopes = context.lexicalContext
    // Some hosts list the traced declaration itself as the innermost context.
    if let first = scopes.first, isSameDeclaration(first, as: declaration) {
      scopes.removeFirst()
    }
    let names = scopes.reversed().compactMap(scopeName)
    return (names + [name]).joined(separator: ".")
  }

  /// The name a scope contributes, nil for scopes that do not name anything (closures).
  private static func scopeName(_ scope: Syntax) -> String? {
    if let decl = scope.as(StructDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ClassDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(EnumDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ActorDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ProtocolDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ExtensionDeclSyntax.self) {
      return decl.extendedType.trimmedDescription.filter { !$0.isWhitespace }
    }
    if let decl = scope.as(FunctionDeclSyntax.self) { return decl.name.trimmedDescription }
    if scope.is(InitializerDeclSyntax.self) { return "init" }
    return nil
  }

  private static func isSameDeclaration(_ scope: Syntax, as declaration: some SyntaxProtocol)
    -> Bool
  {
    guard scope.kind == declaration.kind else { return false }
    if let a = scope.as(FunctionDeclSyntax.self),
      let b = declaration.as(FunctionDeclSyntax.self)
    {
      return a.name.text == b.name.text
        && a.signature.trimmedDescription == b.signature.trimmedDescription
    }
    if let a = scope.as(InitializerDeclSyntax.self),
      let b = declaration.as(InitializerDeclSyntax.self)
    {
      return a.signature.trimmedDescription == b.signature.trimmedDescription
    }
    return scope.is(DeinitializerDeclSyntax.self)
  }
}
