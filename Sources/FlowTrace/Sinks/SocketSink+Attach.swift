import FlowTraceSystem
import FlowTraceWire
import Glibc

// An attached sink (`path` nil) has no address to reconnect to. Between two viewers it is
// parked: it keeps following the stream in the encoder of the last one (bytes thrown away),
// so that it knows which calls are still open when the next viewer attaches and announces
// them, as a socket sink does when its viewer connects again.
extension SocketSink {
  /// True when the sink waits for its next viewer.
  func isParked(_ state: State) -> Bool { path == nil && state.fd < 0 }

  /// Streams to a newly attached viewer on `fd` (owned by the sink from now on): a fresh
  /// stream that announces the calls still open.
  func resume(_ fd: Int32) {
    UnixSocket.setNonBlocking(fd)
    state.withLock { state in
      guard !state.closed else {
        Glibc.close(fd)
        return
      }
      if state.fd >= 0 { disconnect(&state) }
      state.fd = fd
      start(&state)
      send(&state)
    }
  }

  /// The viewer detached: close its socket and wait for the next one.
  func park() {
    state.withLock { state in
      if state.fd >= 0 { disconnect(&state) }
    }
  }

  /// Whether a viewer is attached now.
  var isAttached: Bool { state.withLock { $0.fd >= 0 } }

  func parkedEncode(_ state: inout State, _ body: DirectBody) -> Bool {
    guard var encoder = state.previous else { return true }
    state.previous = nil
    var definitions = state.definitions
    state.definitions = []
    _ = withUnsafeMutablePointer(to: &encoder) { encoder in
      withUnsafeMutablePointer(to: &definitions) { body(encoder, $0) }
    }
    encoder.drain { _ in }
    state.previous = encoder
    state.definitions = definitions
    return true
  }

  func parkedWrite(_ state: inout State, _ events: [TraceEvent]) {
    guard var encoder = state.previous else { return }
    state.previous = nil
    for event in events {
      if event.isDefinition { state.definitions.append(event) }
      try? encoder.encode(event)
    }
    encoder.drain { _ in }
    state.previous = encoder
  }
}
