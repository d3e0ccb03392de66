import FlowTraceMacros
import SwiftSyntaxMacros

/// The package's macros under the names user code writes.
let testMacros: [String: Macro.Type] = [
  "Trace": TraceMacro.self,
  "TraceAll": TraceAllMacro.self,
  "NoTrace": NoTraceMacro.self,
]
