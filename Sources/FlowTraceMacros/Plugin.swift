import SwiftCompilerPlugin
import SwiftSyntaxMacros

@main
struct FlowTracePlugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = []
}
