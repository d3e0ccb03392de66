extension TraceDecoder {
  /// A `callSite` record: id, name, labels, file, line.
  @usableFromInline
  mutating func decodeCallSite<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let id = try reader.varint32("site id")
    let name = try reader.string()
    let labels = try reader.strings()
    let file = try reader.string()
    let line = try reader.varint32("line")
    try reader.expectEnd()
    guard state.defineSite(id) else { throw RecordFault("call site \(id) is defined twice") }
    visitor.visitCallSite(id: id, name: name, labels: labels, file: file, line: line)
  }

  /// A `thread` record: id, name (a thread may be named again).
  @usableFromInline
  mutating func decodeThread<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let id = try reader.varint32("thread id")
    let name = try reader.string()
    try reader.expectEnd()
    state.threads.insert(id)
    visitor.visitThread(id: id, name: name)
  }

  /// A `task` record: id (not 0), parent (0 for none), name.
  @usableFromInline
  mutating func decodeTask<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let id = try reader.varint()
    let parent = try reader.varint()
    let name = try reader.string()
    guard id != 0 else { throw RecordFault("task id 0 is reserved for 'no task'") }
    try reader.expectEnd()
    state.tasks.insert(id)
    visitor.visitTask(id: id, parent: parent == 0 ? nil : parent, name: name)
  }

  /// A `loss` record: count, thread (0 if unknown), parent call (0 if none or unknown).
  @usableFromInline
  mutating func decodeLoss<V: TraceVisitor>(
    _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    let count = try reader.varint()
    let thread = try reader.varint32("thread")
    let parent = try reader.varint()
    guard parent <= state.lastCallID else {
      throw RecordFault("loss inside call \(parent), which has not started")
    }
    try reader.expectEnd()
    visitor.visitLoss(
      count: count, thread: thread == 0 ? nil : thread, parent: parent == 0 ? nil : parent)
  }
}
