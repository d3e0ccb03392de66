import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that provides `@Trace`, `@TraceAll` and `@NoTrace`.
@main
struct FlowTracePlugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = [
    TraceMacro.self,
    TraceAllMacro.self,
    NoTraceMacro.self,
  ]
}
