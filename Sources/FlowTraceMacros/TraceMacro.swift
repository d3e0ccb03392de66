import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@Trace` / `@Trace(showArgs:showResult:showTiming:)`: records each call of a function.
public struct TraceMacro: BodyMacro {
  public static func expansion(
    of node: AttributeSyntax,
    providingBodyFor declaration: some DeclSyntaxProtocol & WithOptionalCodeBlockSyntax,
    in context: some MacroExpansionContext
  ) throws -> [CodeBlockItemSyntax] {
    guard let function = traced(declaration, attribute: node, in: context),
      let flags = flagArguments(of: node, in: context)
    else { return [] }
    let prefix = QualifiedName.typePrefix(in: context)
    let token = nameToken(of: declaration) ?? Syntax(declaration)
    return body(of: function, typePrefix: prefix, nameToken: token, flags: flags, in: context)
  }

  /// The statements of a traced body (nested `@Trace` functions expanded too).
  static func body(
    of function: TracedFunction,
    typePrefix: [String],
    nameToken: Syntax,
    flags: String,
    in context: some MacroExpansionContext
  ) -> [CodeBlockItemSyntax] {
    var function = function
    let name = (typePrefix + [function.name]).joined(separator: ".")
    let nested = NestedTraces(context: context)
    function.body = nested.rewrite(function.body).cast(CodeBlockSyntax.self)
    let site = SiteLiteral.make(
      qualifiedName: name,
      labels: function.parameters.map(\.label),
      location: context.location(of: nameToken)
    )
    let source = TraceBody(function: function, site: site, flags: flags).source
    let file: SourceFileSyntax = "\(raw: source)"
    return Array(file.statements)
  }

  /// Reads the declaration, or diagnoses why it cannot be traced.
  private static func traced(
    _ declaration: some DeclSyntaxProtocol,
    attribute: AttributeSyntax,
    in context: some MacroExpansionContext
  ) -> TracedFunction? {
    let function: TracedFunction?
    let problem: TraceDiagnostic
    if let decl = declaration.as(FunctionDeclSyntax.self) {
      (function, problem) = (TracedFunction(function: decl), .noBody)
    } else if let decl = declaration.as(InitializerDeclSyntax.self) {
      (function, problem) = (TracedFunction(initializer: decl), .noBody)
    } else if let decl = declaration.as(DeinitializerDeclSyntax.self) {
      (function, problem) = (TracedFunction(deinitializer: decl), .noBody)
    } else if declaration.is(AccessorDeclSyntax.self) {
      (function, problem) = (nil, .accessor)
    } else {
      (function, problem) = (nil, .unsupportedDeclaration)
    }
    if function == nil {
      context.diagnose(
        Diagnostic(
          node: attribute, message: problem,
          fixIts: RemoveAttributeFixIt.fixIts(removing: attribute)))
    }
    return function
  }

  /// The arguments to pass on to `_TraceFlags(...)`, nil after diagnosing a bad one.
  static func flagArguments(
    of node: AttributeSyntax,
    in context: some MacroExpansionContext
  ) -> String? {
    guard let arguments = node.arguments?.as(LabeledExprListSyntax.self) else { return "" }
    let known: Set = ["showArgs", "showResult", "showTiming"]
    var parts: [String] = []
    for argument in arguments {
      guard let label = argument.label?.text, known.contains(label) else {
        context.diagnose(Diagnostic(node: argument, message: TraceDiagnostic.unknownArgument))
        return nil
      }
      parts.append("\(label): \(argument.expression.trimmedDescription)")
    }
    return parts.joined(separator: ", ")
  }

  /// The token whose line the site records: the function's name, `init` or `deinit`.
  private static func nameToken(of declaration: some DeclSyntaxProtocol) -> Syntax? {
    if let decl = declaration.as(FunctionDeclSyntax.self) { return Syntax(decl.name) }
    if let decl = declaration.as(InitializerDeclSyntax.self) { return Syntax(decl.initKeyword) }
    if let decl = declaration.as(DeinitializerDeclSyntax.self) {
      return Syntax(decl.deinitKeyword)
    }
    return nil
  }
}
