import SwiftSyntax
import SwiftSyntaxMacros

/// `@TraceAll(...)` on a type or extension: adds `@Trace(<same flags>)` to each of its methods
/// and initializers that has a body and no `@Trace` or `@NoTrace` of its own.
public struct TraceAllMacro: MemberAttributeMacro {
  public static func expansion(
    of node: AttributeSyntax,
    attachedTo declaration: some DeclGroupSyntax,
    providingAttributesFor member: some DeclSyntaxProtocol,
    in context: some MacroExpansionContext
  ) throws -> [AttributeSyntax] {
    guard let attributes = traceableAttributes(of: member),
      !attributes.contains(where: TraceAttribute.isTraceOrNoTrace),
      let flags = TraceMacro.flagArguments(of: node, in: context)
    else { return [] }
    let attribute: AttributeSyntax = flags.isEmpty ? "@Trace" : "@Trace(\(raw: flags))"
    return [attribute]
  }

  /// The attributes of a method or initializer with a body; nil for anything else
  /// (properties, subscripts, deinit, nested types, requirements without a body).
  private static func traceableAttributes(of member: some DeclSyntaxProtocol)
    -> AttributeListSyntax?
  {
    if let decl = member.as(FunctionDeclSyntax.self), decl.body != nil {
      return decl.attributes
    }
    if let decl = member.as(InitializerDeclSyntax.self), decl.body != nil {
      return decl.attributes
    }
    return nil
  }
}
