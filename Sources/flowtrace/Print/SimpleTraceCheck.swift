import FlowTraceWire

/// Decides whether a trace nests as one sequence (each call inside the innermost open call or
/// starting a new root when none is open, each return and error of the innermost open call,
/// no losses): then `TreeTextPrinter` prints it as it streams, and so can `FastTreePrinter`.
struct SimpleTraceCheck: TraceVisitor {
  private var path: [UInt64] = []
  private(set) var isSimple = true

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    if let top = path.last, parent != top { isSimple = false }
    path.append(id)
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if path.popLast() != id { isSimple = false }
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    if path.last != id { isSimple = false }
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) { isSimple = false }
}
