import CFlowTraceRuntime
import FlowTraceSystem
import FlowTraceWire
import Glibc

/// Records every traced call to `path` in the binary trace format (as `FLOWTRACE_OUT`).
public func recordTrace(to path: String) throws(SinkError) {
  let header = Runtime.shared.traceHeader()
  let sink = try Runtime.shared.consumers.withLock { consumers throws(SinkError) in
    consumers.drain()
    let sink = try FileSink(
      path: path, header: header, definitions: consumers.definitions,
      lastCallID: consumers.collector.nextWireID - 1)
    consumers.sinks.append(sink)
    return sink
  }
  Runtime.shared.sinkAdded(socket: false)
  _ = sink
}

/// Streams every traced call to a viewer listening on the Unix socket `path` (as
/// `FLOWTRACE_SOCKET`); connects when the viewer appears, never blocks the program.
public func streamTrace(to path: String) {
  let capacity = UnixSocket.pathCapacity
  guard path.utf8.count < capacity else {
    // No viewer can ever listen there: say so once instead of retrying silently.
    FileSink.report(
      "flowtrace: cannot stream to \(path): path too long (\(path.utf8.count) bytes; "
        + "a Unix socket path holds at most \(capacity - 1))\n")
    return
  }
  let header = Runtime.shared.traceHeader()
  Runtime.shared.consumers.withLock { consumers in
    consumers.drain()
    consumers.sinks.append(
      SocketSink(
        path: path, header: header, definitions: consumers.definitions,
        lastCallID: consumers.collector.nextWireID - 1))
  }
  Runtime.shared.sinkAdded(socket: true)
}

/// Writes everything recorded so far to the sinks.
public func flushTrace() {
  Runtime.shared.drain()
  Runtime.shared.pumpSinks()
}

/// Flushes and closes every sink (a file gets its end record).
public func closeTraceSinks() {
  Runtime.shared.drain()
  let closed = Runtime.shared.consumers.withLock { consumers in
    defer { consumers.sinks = [] }
    for sink in consumers.sinks {
      sink.close()
      if let socket = sink as? SocketSink { consumers.lost += socket.dropped }
    }
    return consumers.sinks.count
  }
  guard closed > 0 else { return }
  Runtime.shared.state.withLock { state in
    state.sinkCount = 0
    state.socketOnly = false
    state.attachCounted = false
  }
  Runtime.shared.republish()
}

extension Runtime {
  func sinkAdded(socket: Bool) {
    state.withLock { state in
      state.socketOnly = (state.sinkCount == 0 || state.socketOnly) && socket
      state.sinkCount += 1
    }
    republish()
    SinkWriter.start()
    SinkWriter.wake()  // it may sleep, with no sink before this one
  }

  func pumpSinks() {
    consumers.withLock { consumers in
      for sink in consumers.sinks { sink.flush() }
    }
  }

  /// The header every sink's stream starts with.
  func traceHeader() -> TraceHeader {
    let arguments = CommandLine.arguments
    let clock = TickClock.shared
    var wall = timespec()
    clock_gettime(CLOCK_REALTIME, &wall)
    let wallNow = Int64(wall.tv_sec) * 1_000_000_000 + Int64(wall.tv_nsec)
    let sinceStart = Int64(ft_monotonic_ns() &- clock.startNanos)
    return TraceHeader(
      pid: getpid(), program: arguments.first ?? "", arguments: Array(arguments.dropFirst()),
      startWallNanos: wallNow - sinceStart, clock: .monotonic, clockResolutionNanos: 1)
  }

  /// Starts the sinks the environment asks for (`FLOWTRACE_OUT`, `FLOWTRACE_SOCKET`), once.
  func startEnvironmentSinks() {
    guard !environmentRead.exchange(true, ordering: .acquiringAndReleasing) else { return }
    if let path = Environment.get("FLOWTRACE_OUT"), !path.isEmpty {
      do {
        try FlowTrace.recordTrace(to: path)
      } catch {
        var message = "flowtrace: cannot record to \(error)\n"
        message.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
      }
    }
    if let path = Environment.get("FLOWTRACE_SOCKET"), !path.isEmpty {
      FlowTrace.streamTrace(to: path)
    }
    AttachPoint.start()
  }
}
