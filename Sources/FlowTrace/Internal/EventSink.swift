import FlowTraceWire

/// A destination for drained events (file or socket), fed under the collector lock.
protocol EventSink: AnyObject, Sendable {
  /// Takes a batch of events in order.
  func write(_ events: [TraceEvent])
  /// Sends or writes what is buffered.
  func flush()
  /// Flushes and releases the destination.
  func close()
}

/// Shared knobs of the sinks' backpressure.
enum Sinks {
  /// Sealed chunks a thread may have waiting before it waits for the writer (file).
  static let backlogLimit = 32
  /// Sealed chunks a thread may have waiting before it drops new calls when only sockets
  /// listen (the program never waits then): a few milliseconds of a busy thread's records,
  /// so a writer that a loaded machine schedules late still finds them.
  static let dropBacklogLimit = 128

  /// Waits until the writer has drained the thread's backlog (the file sink loses nothing).
  static func waitForWriter(_ recorder: UnsafeMutablePointer<HotState>) {
    recorder.pointee.suppress += 1
    defer { recorder.pointee.suppress -= 1 }
    Runtime.shared.drain()
  }
}
