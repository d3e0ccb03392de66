import CFlowTraceRuntime
import FlowTraceText
import FlowTraceWire

/// Where drained events go (guarded by the collector lock).
struct Consumers {
  let collector = Collector()
  /// The running session's events, and the first wire id it owns.
  var session: [TraceEvent]?
  var sessionBase: UInt64 = 1
  /// The autoPrint tree printer.
  var printer: TreeTextPrinter?
  /// File and socket sinks.
  var sinks: [any EventSink] = []
  /// The sink of viewers that attach to the running program (kept between them, parked).
  var attached: SocketSink?
  /// Events the runtime dropped (from loss records).
  var lost: UInt64 = 0

  /// The definitions seen so far (call sites, threads, tasks), for a consumer that joins late.
  var definitions: [TraceEvent] {
    collector.sites.map { .callSite($0) } + collector.threads.map { .thread($0) }
      + collector.tasks.map { .task($0) }
  }

  mutating func drain(complete: Bool = true) {
    if session == nil, printer == nil, sinks.count == 1 {
      // The common cases: one file or one socket, whose encoder takes the records straight
      // (calls and returns through its per-kind methods and plain runs, no `TraceEvent`s).
      if let file = sinks[0] as? FileSink {
        if drainDirect(complete: complete, into: file.withEncoder) { return }
        var lostNow: UInt64 = 0
        let collector = self.collector
        file.encodeDirect { encode in
          collector.drain(complete: complete) { event in
            if case .loss(let loss) = event { lostNow += loss.count }
            encode(event)
          }
        }
        lost += lostNow
        return
      }
      if let socket = sinks[0] as? SocketSink {
        if drainDirect(complete: complete, into: socket.withEncoder) { return }
        // The stream's buffer is full: a partial drain leaves the records to the threads
        // (which drop new calls at the source, counted); a complete one goes through events
        // and the socket's drop filter.
        if !complete { return }
      }
    }
    var emitted: [TraceEvent] = []
    collector.drain(complete: complete) { emitted.append($0) }
    guard !emitted.isEmpty else { return }
    for case .loss(let loss) in emitted { lost += loss.count }
    if session != nil {
      session!.append(contentsOf: emitted)
    }
    if printer != nil {
      // Inside a session only definitions reach the printer (it prints nothing then).
      var out = StandardOutput()
      let printing = session == nil
      for event in emitted where printing || event.isDefinition {
        printer!.consume(event, to: &out)
      }
      if printing {
        printer!.flush(to: &out)
        ft_stdout_flush()
      }
    }
    for sink in sinks { sink.write(emitted) }
  }
}
