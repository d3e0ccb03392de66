import SwiftSyntax

/// One parameter of a traced function and how its value is recorded.
struct TracedParameter {
  /// How the argument is recorded on entry.
  enum Recording: Equatable {
    /// `argument(name)`: the value is rendered.
    case value
    /// `argumentPlaceholder(text)`: the value is never touched.
    case placeholder(String)
  }

  /// The external label, `_` when there is none.
  var label: String
  /// The name the body uses, nil when it is `_` (the value cannot be reached).
  var localName: String?
  var recording: Recording

  init(_ parameter: FunctionParameterSyntax) {
    label = parameter.firstName.trimmedDescription
    let second = parameter.secondName?.trimmedDescription ?? label
    localName = second == "_" ? nil : second
    recording = Self.recording(of: parameter.type, named: localName)
  }

  /// Placeholders for closures (never evaluated) and values that cannot be copied.
  private static func recording(of type: TypeSyntax, named name: String?) -> Recording {
    if name == nil { return .placeholder("_") }
    if let attributed = type.as(AttributedTypeSyntax.self) {
      for specifier in attributed.specifiers {
        guard case .simpleTypeSpecifier(let simple) = specifier else { continue }
        switch simple.specifier.tokenKind {
        case .keyword(.borrowing): return .placeholder("<borrowed>")
        case .keyword(.consuming): return .placeholder("<consumed>")
        default: continue
        }
      }
    }
    if containsFunctionType(type) { return .placeholder("<closure>") }
    let isPack = type.tokens(viewMode: .sourceAccurate).contains {
      $0.tokenKind == .keyword(.repeat) || $0.tokenKind == .keyword(.each)
    }
    if isPack { return .placeholder("<pack>") }
    let text = type.trimmedDescription
    if text.contains("~Copyable") || text.contains("~Escapable") {
      return .placeholder("<noncopyable>")
    }
    return .value
  }

  /// True when the type is or holds a function type (`() -> Int`, `@escaping (T) -> U`,
  /// `(() -> Void)?`), or is an `@autoclosure`.
  private static func containsFunctionType(_ type: TypeSyntax) -> Bool {
    if let attributed = type.as(AttributedTypeSyntax.self) {
      let isAutoclosure = attributed.attributes.contains {
        $0.as(AttributeSyntax.self)?.attributeName.trimmedDescription == "autoclosure"
      }
      if isAutoclosure { return true }
    }
    return type.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .arrow }
  }
}
