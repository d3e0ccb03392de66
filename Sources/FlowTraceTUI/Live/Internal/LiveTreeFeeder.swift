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

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    add(
      .callSite(
        CallSite(
          id: id, qualifiedName: name.string, labels: labels.strings, file: file.string,
          line: line)))
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) {
    add(.thread(ThreadInfo(id: id, name: name.string)))
  }

  mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {
    add(.task(TaskInfo(id: id, parent: parent, name: name.string)))
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    add(
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
          timestamp: timestamp, args: args?.strings)))
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    add(.return(CallEnd(id: id, timestamp: timestamp, result: result?.string)))
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    add(
      .error(
        CallError(
          id: id, type: type.string, description: description.string, disposition: disposition)))
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    add(.loss(Loss(count: count, thread: thread, parent: parent)))
  }

  mutating func visitEnd() {
    add(.end)
    ended = true
  }

  private mutating func add(_ event: TraceEvent) {
    guard let program else { return }
    tree.append(event, from: program)
    records += 1
  }
}
