import FlowTraceExplorer
import FlowTraceWire

/// Appends the records of one connection to the shared call tree, under that connection's
/// program node (created when the header arrives).
struct LiveTreeFeeder: TraceVisitor {
  var tree: CallTree
  /// The connection's program in the tree, once its header was seen.
  var program: Int?
  let peerPID: Int32
  let connectedAt: Int64
  /// Records appended during this feed.
  var records = 0
  /// Whether the end-of-stream record arrived.
  var ended = false

  mutating func visitHeader(_ header: TraceHeader) {
    let pid = header.pid != 0 ? header.pid : peerPID
    let id = tree.addProgram(ProgramInfo(name: header.program, pid: pid, connectedAt: connectedAt))
    tree.apply(header, program: id)
    program = id
  }

  // Records go straight to the tree's own visitor (arguments and results copied as bytes
  // into its arena: no `TraceEvent` and no String per call).

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    forward { $0.visitCallSite(id: id, name: name, labels: labels, file: file, line: line) }
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) {
    forward { $0.visitThread(id: id, name: name) }
  }

  mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {
    forward { $0.visitTask(id: id, parent: parent, name: name) }
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    forward {
      $0.visitCall(
        id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
        timestamp: timestamp, args: args)
    }
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    forward { $0.visitReturn(id: id, timestamp: timestamp, result: result) }
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    forward {
      $0.visitError(id: id, type: type, description: description, disposition: disposition)
    }
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    forward { $0.visitLoss(count: count, thread: thread, parent: parent) }
  }

  mutating func visitEnd() {
    forward { $0.visitEnd() }
    ended = true
  }

  @inline(__always)
  private mutating func forward(_ body: (inout CallTree) -> Void) {
    guard let program else { return }
    tree.withProgram(program, body)
    records += 1
  }
}
