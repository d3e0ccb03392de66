import FlowTraceWire

/// The decoder's fast path: records go straight into the columns and the arena, arguments
/// and results copied as bytes (no `TraceEvent`, no String per call). Records go to
/// `visitProgram` (0 unless set by `withProgram`).
extension CallTree: TraceVisitor {
  /// Runs `body` (typically `decoder.decode(bytes, into: &tree)`) with visited records
  /// going to `program`.
  public mutating func withProgram<R>(_ program: Int, _ body: (inout CallTree) throws -> R)
    rethrows -> R
  {
    ensureProgram(program)
    let saved = visitProgram
    visitProgram = program
    defer { visitProgram = saved }
    return try body(&self)
  }

  public mutating func visitHeader(_ header: TraceHeader) {
    apply(header, program: visitProgram)
  }

  public mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    counted()
    defineSite(
      CallSite(
        id: id, qualifiedName: name.string, labels: labels.strings, file: file.string, line: line),
      program: visitProgram)
  }

  public mutating func visitThread(id: UInt32, name: TraceBytes) {
    counted()
    let slot = threadSlot(id, program: visitProgram)
    threadTable[Int(refs[Int(slot.node)])].name = name.string
  }

  public mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {
    counted()
    programStates[visitProgram].tasks[id] = TaskInfo(id: id, parent: parent, name: name.string)
  }

  public mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    counted()
    startCall(
      id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
      timestamp: timestamp, args: args, argCount: args?.count ?? 0, program: visitProgram)
  }

  public mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    counted()
    finishCall(id: id, timestamp: timestamp, result: result, program: visitProgram)
  }

  public mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    counted()
    attachError(
      id: id, type: type.string, description: description.string, disposition: disposition,
      program: visitProgram)
  }

  public mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    counted()
    appendLoss(Loss(count: count, thread: thread, parent: parent), program: visitProgram)
  }

  public mutating func visitEnd() {
    counted()
    closeOpenCalls(program: visitProgram)
    programStates[visitProgram].info.state = .exited
  }

  private mutating func counted() {
    if visitProgram >= programStates.count { ensureProgram(visitProgram) }
    programStates[visitProgram].info.events += 1
  }
}
