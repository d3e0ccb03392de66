import FlowTraceWire

/// The explorer's tree of a trace that `SameRunCheck` found to be the same run as the other:
/// its thread and top-level calls, each weighted with the calls of its subtree (what
/// `StreamingDiff.merged` shows when nothing differs), in one pass without a digest. The
/// check has made sure calls nest in one thread.
struct TopLevelBuilder: TraceVisitor {
  var tree = CallTree()
  /// Node → calls in the subtree it stands for (top-level calls with callees).
  var weights: [Int: Int] = [:]
  private var depth = 0
  private var topID: UInt64 = 0
  private var topNode = 0
  private var calls = 0

  mutating func visitHeader(_ header: TraceHeader) { tree.visitHeader(header) }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    tree.visitCallSite(id: id, name: name, labels: labels, file: file, line: line)
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) { tree.visitThread(id: id, name: name) }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    depth += 1
    calls += 1
    guard depth == 1 else { return }
    tree.visitCall(
      id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
      timestamp: timestamp, args: args)
    topID = id
    topNode = tree.count - 1
    calls = 1
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    depth -= 1
    guard depth == 0 else { return }
    tree.visitReturn(id: id, timestamp: timestamp, result: result)
    if calls > 1 { weights[topNode] = calls }
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard id == topID && depth >= 1 else { return }
    tree.visitError(id: id, type: type, description: description, disposition: disposition)
  }

  mutating func visitEnd() { tree.visitEnd() }
}
