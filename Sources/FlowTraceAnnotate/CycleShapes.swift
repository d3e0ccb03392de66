import SwiftSyntax

/// The declaration shapes on which `@TraceAll` can run into the compiler's request cycle
/// (swiftlang/swift #78154: "circular reference resolving attached macro", "self-referential
/// generic requirements", or a crash), as seen in the real-code corpus. Whether a given one
/// fails depends on the order the compiler resolves things in, so these are the shapes that
/// may fail, not the ones that will.
enum CycleShapes {
  static func matches(_ node: Syntax, protocols: Set<String>) -> Bool {
    if let decl = node.as(ExtensionDeclSyntax.self) {
      // `extension Array where Element: P`, `extension Box: Equatable where T: Equatable`.
      if decl.genericWhereClause != nil { return true }
      // `extension Graph` where Graph is a protocol (with associated types) of the module.
      let name = decl.extendedType.as(IdentifierTypeSyntax.self)?.name.text
      return name.map(protocols.contains) ?? false
    }
    if let decl = node.as(ClassDeclSyntax.self) {
      // `class WeightedGraph<V, W>: Graph`.
      return decl.genericParameterClause != nil && decl.inheritanceClause != nil
    }
    return false
  }
}
