import SwiftSyntax

/// Finds the attributes on a traced function that may be result builders.
///
/// Syntax cannot tell `@ViewBuilder` from another custom attribute, so every attribute that
/// could be one is carried onto the local function that runs the body: a capitalised name,
/// no arguments, and not one of the attributes known to be something else (the package's own,
/// `@Sendable`, `@MainActor`, Interface Builder's, Swift Testing's). Carrying a global actor
/// that the function already has is harmless; a function without candidates keeps the
/// closure shape.
enum BuilderAttributes {
  private static let known: Set<String> = [
    "Trace", "TraceAll", "NoTrace", "Sendable", "MainActor", "IBAction", "IBSegueAction",
    "IBInspectable", "GKInspectable", "IBOutlet", "NSManaged", "NSCopying", "Test", "Suite",
  ]

  /// The candidate attributes as written (`@Lines`), in order.
  static func candidates(in attributes: AttributeListSyntax) -> [String] {
    attributes.compactMap { element -> String? in
      guard case .attribute(let attribute) = element, attribute.arguments == nil else {
        return nil
      }
      let name = attribute.attributeName.trimmedDescription
      let base = name.split(separator: ".").last.map(String.init) ?? name
      guard let first = base.first, first.isUppercase, !known.contains(base) else { return nil }
      return "@" + name
    }
  }
}
