import SwiftSyntax

/// The members `@TraceAll` traces: functions and initializers with a body and no `@Trace` or
/// `@NoTrace` of their own (properties, subscripts, `deinit` and nested types are left alone).
/// Members in every `#if` clause count.
enum TraceableMembers {
  /// Where `@Trace` goes for each such member: the offset of its first attribute or keyword.
  static func untraced(in block: MemberBlockSyntax) -> [Int] {
    untraced(in: block.members)
  }

  private static func untraced(in members: MemberBlockItemListSyntax) -> [Int] {
    var offsets: [Int] = []
    for item in members {
      if let config = item.decl.as(IfConfigDeclSyntax.self) {
        for clause in config.clauses {
          if case .decls(let nested) = clause.elements { offsets += untraced(in: nested) }
        }
        continue
      }
      guard let attributes = traceableAttributes(of: item.decl),
        !attributes.contains(where: isTraceOrNoTrace)
      else { continue }
      offsets.append(item.decl.positionAfterSkippingLeadingTrivia.utf8Offset)
    }
    return offsets
  }

  private static func traceableAttributes(of decl: DeclSyntax) -> AttributeListSyntax? {
    if let function = decl.as(FunctionDeclSyntax.self), function.body != nil {
      return function.attributes
    }
    if let initializer = decl.as(InitializerDeclSyntax.self), initializer.body != nil {
      return initializer.attributes
    }
    return nil
  }

  private static func isTraceOrNoTrace(_ element: AttributeListSyntax.Element) -> Bool {
    guard case .attribute(let attribute) = element else { return false }
    let names: Set = ["Trace", "FlowTrace.Trace", "NoTrace", "FlowTrace.NoTrace"]
    return names.contains(attribute.attributeName.trimmedDescription)
  }
}
