/// A visitor that turns records into `TraceEvent`s and hands them to a closure (the
/// convenient path: one enum and its Strings per event).
public struct EventVisitor: TraceVisitor {
  /// The header, once seen.
  public var header: TraceHeader?
  /// Receives each event in stream order.
  public var handler: (TraceEvent) -> Void

  public init(_ handler: @escaping (TraceEvent) -> Void) { self.handler = handler }

  public mutating func visitHeader(_ header: TraceHeader) { self.header = header }

  public mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    handler(
      .callSite(
        CallSite(
          id: id, qualifiedName: name.string, labels: labels.strings, file: file.string, line: line)
      ))
  }

  public mutating func visitThread(id: UInt32, name: TraceBytes) {
    handler(.thread(ThreadInfo(id: id, name: name.string)))
  }

  public mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {
    handler(.task(TaskInfo(id: id, parent: parent, name: name.string)))
  }

  public mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    handler(
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
          timestamp: timestamp, args: args?.strings)))
  }

  public mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    handler(.return(CallEnd(id: id, timestamp: timestamp, result: result?.string)))
  }

  public mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    handler(
      .error(
        CallError(
          id: id, type: type.string, description: description.string, disposition: disposition)))
  }

  public mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    handler(.loss(Loss(count: count, thread: thread, parent: parent)))
  }

  public mutating func visitEnd() { handler(.end) }
}
