import SwiftSyntax

/// Recognises the package's attributes on a declaration, qualified or not.
enum TraceAttribute {
  /// True for `@Trace` and `@Trace(...)`.
  static func isTrace(_ element: AttributeListSyntax.Element) -> Bool {
    named(element, ["Trace", "FlowTrace.Trace"])
  }

  /// True for `@Trace`, `@Trace(...)` and `@NoTrace`: members `@TraceAll` leaves alone.
  static func isTraceOrNoTrace(_ element: AttributeListSyntax.Element) -> Bool {
    named(element, ["Trace", "FlowTrace.Trace", "NoTrace", "FlowTrace.NoTrace"])
  }

  private static func named(_ element: AttributeListSyntax.Element, _ names: Set<String>)
    -> Bool
  {
    guard case .attribute(let attribute) = element else { return false }
    return names.contains(attribute.attributeName.trimmedDescription)
  }
}
