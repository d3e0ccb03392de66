extension TraceDecoder {
  /// A `call` record: form, site, [id gap], [parent distance], [timestamp delta], [args].
  @inlinable @inline(__always)
  mutating func decodeCall<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    guard state.hasContext else { throw RecordFault("call before any context record") }
    let form = try reader.byte()
    guard form & CallForm.reserved == 0 else { throw RecordFault("reserved form bit set") }
    let site = try reader.varint32("site")
    guard state.isSiteDefined(site) else { throw RecordFault("call site \(site) is not defined") }
    var id = state.lastCallID &+ 1
    if form & CallForm.explicitID != 0 {
      let (sum, overflow) = id.addingReportingOverflow(try reader.varint())
      guard !overflow else { throw RecordFault("call id overflows") }
      id = sum
    }
    guard id != 0 else { throw RecordFault("call id overflows") }
    let parent: UInt64?
    if form & CallForm.explicitParent != 0 {
      let distance = try reader.varint()
      if distance == 0 {
        parent = nil
      } else {
        guard distance < id else {
          throw RecordFault("call \(id) names a parent before call 1")
        }
        parent = id - distance
      }
    } else {
      parent = state.stacks.current.last
    }
    let timestamp = try timestamp(form & CallForm.hasTimestamp != 0, &reader)
    var args: TraceStrings?
    if form & CallForm.hasArgs != 0 { args = try reader.strings() }
    try reader.expectEnd()
    state.lastCallID = id
    state.stacks.current.append(id)
    visitor.visitCall(
      id: id, parent: parent, site: site, thread: state.thread, task: state.task,
      flags: CollectFlags(rawValue: form & CallForm.flagsMask), timestamp: timestamp, args: args)
  }

  /// A `return` record: form, [timestamp delta], [result]; it ends the innermost open call of
  /// the current thread or task.
  @inlinable @inline(__always)
  mutating func decodeReturn<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let form = try reader.byte()
    guard form & ReturnForm.reserved == 0 else { throw RecordFault("reserved form bit set") }
    guard let id = state.stacks.current.last else {
      throw RecordFault(
        "return without an open call on thread \(state.thread) task \(state.task)")
    }
    let timestamp = try timestamp(form & ReturnForm.hasTimestamp != 0, &reader)
    var result: TraceBytes?
    if form & ReturnForm.hasResult != 0 { result = try reader.string() }
    try reader.expectEnd()
    state.stacks.current.removeLast()
    visitor.visitReturn(id: id, timestamp: timestamp, result: result)
  }

  /// A record's timestamp when it has one: a delta from the previous timestamp of the trace.
  @inlinable @inline(__always)
  mutating func timestamp(_ present: Bool, _ reader: inout RecordReader) throws(RecordFault)
    -> UInt64?
  {
    guard present else { return nil }
    let ts = state.lastTimestamp &+ UInt64(bitPattern: try reader.zigzag())
    state.lastTimestamp = ts
    return ts
  }

  /// A `context` record: thread, task; the following calls and returns happen there.
  @inlinable
  mutating func decodeContext(_ reader: inout RecordReader) throws(RecordFault) {
    let thread = try reader.varint32("thread")
    let task = try reader.varint()
    try reader.expectEnd()
    guard state.threads.contains(thread) else {
      throw RecordFault("thread \(thread) is not defined")
    }
    guard task == 0 || state.tasks.contains(task) else {
      throw RecordFault("task \(task) is not defined")
    }
    state.hasContext = true
    state.thread = thread
    state.task = task
    state.stacks.switchTo(StackKey(thread: thread, task: task))
  }

  /// An `error` record: form, [id distance back from the last call], type, description.
  @inlinable
  mutating func decodeError<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let form = try reader.byte()
    guard form & ErrorForm.reserved == 0 else { throw RecordFault("reserved form bit set") }
    let id: UInt64
    if form & ErrorForm.explicitID != 0 {
      let distance = try reader.varint()
      guard distance < state.lastCallID else {
        throw RecordFault("error names a call before call 1")
      }
      id = state.lastCallID - distance
    } else {
      guard let top = state.stacks.current.last else {
        throw RecordFault("error without an open call on thread \(state.thread)")
      }
      id = top
    }
    let type = try reader.string()
    let description = try reader.string()
    try reader.expectEnd()
    visitor.visitError(
      id: id, type: type, description: description,
      disposition: form & ErrorForm.caught != 0 ? .caught : .propagated)
  }
}
