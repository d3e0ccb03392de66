import SwiftSyntax
import SwiftSyntaxMacros

/// Builds the `Outer.Inner` prefix of a traced declaration's qualified name.
///
/// Only types and extensions qualify a name: a function nested in a function is named like
/// its enclosing function's siblings (`helper`, `Calc.helper`), as its call tree already
/// shows where it runs.
enum QualifiedName {
  /// The enclosing type names of the declaration a macro is expanding, outermost first.
  static func typePrefix(in context: some MacroExpansionContext) -> [String] {
    context.lexicalContext.reversed().compactMap(typeName)
  }

  /// The name a scope contributes, nil for scopes that are not types (functions, closures).
  private static func typeName(_ scope: Syntax) -> String? {
    if let decl = scope.as(StructDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ClassDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(EnumDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ActorDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ProtocolDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ExtensionDeclSyntax.self) {
      return decl.extendedType.trimmedDescription.filter { !$0.isWhitespace }
    }
    return nil
  }
}
