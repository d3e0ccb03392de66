import FlowTraceWire

/// A destination for drained events (file or socket), fed under the collector lock.
protocol EventSink: AnyObject, Sendable {
  /// Takes a batch of events in order.
  func write(_ events: [TraceEvent])
  /// Flushes and releases the destination.
  func close()
}

/// Shared knobs of the sinks' backpressure.
enum Sinks {
  /// Sealed chunks a thread may have waiting before it waits (file) or drops (socket).
  static let backlogLimit = 32

  /// Waits until the writer has drained the thread's backlog (the file sink loses nothing).
  static func waitForWriter(_ recorder: ThreadRecorder) {
    recorder.suppress += 1
    defer { recorder.suppress -= 1 }
    Runtime.shared.drain()
  }
}
