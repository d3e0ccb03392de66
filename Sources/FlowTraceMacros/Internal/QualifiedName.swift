import SwiftSyntax
import SwiftSyntaxMacros

/// Builds the `Outer.Inner` prefix of a traced declaration's qualified name.
///
/// Types and extensions up to the nearest enclosing function or closure qualify a name: a
/// method is `Calc.add`, a local function is just `helper` (its call tree already shows where
/// it runs), a method of a local type is `Local.run`.
enum QualifiedName {
  /// The type names around the declaration a macro is expanding, outermost first.
  static func typePrefix(in context: some MacroExpansionContext) -> [String] {
    typeNames(innermostFirst: context.lexicalContext)
  }

  /// The type names around `node`, a declaration inside a traced body, outermost first.
  static func typePrefix(of node: some SyntaxProtocol) -> [String] {
    typeNames(innermostFirst: sequence(first: Syntax(node)) { $0.parent }.dropFirst())
  }

  private static func typeNames(innermostFirst scopes: some Sequence<Syntax>) -> [String] {
    var names: [String] = []
    for scope in scopes {
      if let name = typeName(scope) {
        names.append(name)
      } else if isFunctionScope(scope) {
        break
      }
    }
    return names.reversed()
  }

  /// The name a type or extension contributes; nil for anything else.
  private static func typeName(_ scope: Syntax) -> String? {
    if let decl = scope.as(StructDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ClassDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(EnumDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ActorDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ProtocolDeclSyntax.self) { return decl.name.trimmedDescription }
    if let decl = scope.as(ExtensionDeclSyntax.self) { return extendedName(decl.extendedType) }
    return nil
  }

  /// The name an extension's type contributes, without generic arguments or sugar:
  /// `Array<Int>` and `[Int]` are `Array`, `[String: Int]` is `Dictionary`, `Int?` is
  /// `Optional`, `Outer<T>.Inner` is `Outer.Inner`; as `extension Array where …` reads.
  private static func extendedName(_ type: TypeSyntax) -> String {
    if let type = type.as(IdentifierTypeSyntax.self) { return type.name.trimmedDescription }
    if let type = type.as(MemberTypeSyntax.self) {
      return extendedName(type.baseType) + "." + type.name.trimmedDescription
    }
    if type.is(ArrayTypeSyntax.self) { return "Array" }
    if type.is(DictionaryTypeSyntax.self) { return "Dictionary" }
    if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) {
      return "Optional"
    }
    return type.trimmedDescription.filter { !$0.isWhitespace }
  }

  /// Scopes that make what they contain local: functions, initializers, accessors, closures.
  private static func isFunctionScope(_ scope: Syntax) -> Bool {
    scope.is(FunctionDeclSyntax.self) || scope.is(InitializerDeclSyntax.self)
      || scope.is(DeinitializerDeclSyntax.self) || scope.is(AccessorDeclSyntax.self)
      || scope.is(ClosureExprSyntax.self) || scope.is(SubscriptDeclSyntax.self)
  }
}
