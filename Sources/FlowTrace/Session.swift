import FlowTraceWire

/// Starts a session: traced calls are collected (not printed) until `stopTracing()`.
///
/// Flags apply to calls without their own; nil inherits `FlowTrace.config`'s.
public func startTracing(
  showArgs: Bool? = false, showResult: Bool? = true, showTiming: Bool? = false
) {
  let runtime = Runtime.shared
  runtime.drain()
  runtime.consumers.withLock { consumers in
    consumers.session = []
    consumers.sessionBase = consumers.collector.nextWireID
  }
  runtime.state.withLock { state in
    state.session = SessionFlags(showArgs: showArgs, showResult: showResult, showTiming: showTiming)
  }
  runtime.republish()
}

/// Ends the session and returns its events (also kept for `traceData()`).
@discardableResult
public func stopTracing() -> [CallEvent] {
  let runtime = Runtime.shared
  let wasActive = runtime.state.withLock { state in
    defer { state.session = nil }
    return state.session != nil
  }
  guard wasActive else { return [] }
  runtime.republish()
  runtime.drain()
  runtime.pumpSinks()
  let calls = runtime.consumers.withLock { consumers in
    defer { consumers.session = nil }
    return CallEvent.make(
      from: consumers.session ?? [], firstID: consumers.sessionBase,
      sites: consumers.collector.sites, threads: consumers.collector.threads)
  }
  runtime.state.withLock { $0.lastSession = calls }
  return calls
}

/// The events of the last finished session.
public func traceData() -> [CallEvent] {
  Runtime.shared.state.withLock { $0.lastSession }
}

/// Runs `body` in a session and returns its events.
public func withTracing(
  showArgs: Bool? = false, showResult: Bool? = true, showTiming: Bool? = false,
  _ body: () throws -> Void
) rethrows -> [CallEvent] {
  startTracing(showArgs: showArgs, showResult: showResult, showTiming: showTiming)
  do {
    try body()
  } catch {
    _ = stopTracing()
    throw error
  }
  return stopTracing()
}

/// Runs an async `body` in a session and returns its events.
public func withTracing(
  showArgs: Bool? = false, showResult: Bool? = true, showTiming: Bool? = false,
  _ body: () async throws -> Void
) async rethrows -> [CallEvent] {
  startTracing(showArgs: showArgs, showResult: showResult, showTiming: showTiming)
  do {
    try await body()
  } catch {
    _ = stopTracing()
    throw error
  }
  return stopTracing()
}

/// Benchmarks only: the calls dropped so far (loss records produced by the runtime and by
/// the socket sink).
@_spi(Benchmarks)
public func _lostEvents() -> UInt64 {
  Runtime.shared.consumers.withLock { consumers in
    consumers.lost + consumers.sinks.reduce(0) { $0 + (($1 as? SocketSink)?.dropped ?? 0) }
  }
}

/// Ends the session and drops its events unread (for benchmarks of the recording alone).
@_spi(Benchmarks)
public func _discardTracing() {
  let runtime = Runtime.shared
  runtime.state.withLock { $0.session = nil }
  runtime.republish()
  runtime.consumers.withLock { consumers in
    consumers.session = nil
    consumers.collector.drain { _ in }
  }
}
