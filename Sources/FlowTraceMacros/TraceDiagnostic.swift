import SwiftDiagnostics

/// The errors `@Trace` and `@TraceAll` report at compile time.
enum TraceDiagnostic: String, DiagnosticMessage {
  case noBody
  case accessor
  case unsupportedDeclaration
  case unknownArgument

  var message: String {
    switch self {
    case .noBody:
      "@Trace needs a function with a body; a protocol requirement or a declaration without "
        + "a body cannot be traced"
    case .accessor:
      "@Trace cannot trace an accessor; put it on a method, or trace the function the "
        + "accessor calls"
    case .unsupportedDeclaration:
      "@Trace applies to functions, methods and initializers only"
    case .unknownArgument:
      "@Trace accepts only showArgs:, showResult: and showTiming:"
    }
  }

  var diagnosticID: MessageID { MessageID(domain: "FlowTraceMacros", id: rawValue) }

  var severity: DiagnosticSeverity { .error }
}
