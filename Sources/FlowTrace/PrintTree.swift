import CFlowTraceRuntime
import FlowTraceText
import FlowTraceWire
import Glibc

/// Prints events as a call tree on standard output.
public func printTree(_ events: [CallEvent], maxDepth: Int? = nil) {
  var out = StandardOutput()
  printTree(events, to: &out, color: Runtime.shared.colorEnabled(), maxDepth: maxDepth)
  ft_stdout_flush()
}

/// Writes events as a call tree to a stream.
public func printTree(
  _ events: [CallEvent], to stream: inout some TextOutputStream, color: Bool = false,
  maxDepth: Int? = nil
) {
  var printer = TreeTextPrinter(options: TreeTextOptions(color: color, maxDepth: maxDepth))
  for event in CallEvent.traceEvents(events) { printer.consume(event, to: &stream) }
  printer.finish(to: &stream)
}

/// Returns events as call tree text.
public func treeText(_ events: [CallEvent], color: Bool = false, maxDepth: Int? = nil) -> String {
  var text = ""
  printTree(events, to: &text, color: color, maxDepth: maxDepth)
  return text
}
