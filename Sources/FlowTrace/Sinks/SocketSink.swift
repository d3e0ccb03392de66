import FlowTraceSystem
import FlowTraceWire
import Glibc

/// Streams the trace to a listening viewer on a Unix socket, never blocking the program:
/// connects lazily (retrying), keeps a bounded buffer, drops and counts what does not fit.
/// An attached sink (`path` nil) streams to a viewer that connected to the program instead
/// (see `SocketSink+Attach.swift`).
final class SocketSink: EventSink {
  static let bufferLimit = 4 << 20
  static let retryNanos: UInt64 = 200_000_000

  /// Where to connect; nil for a sink fed an attached viewer's socket.
  let path: String?
  private let header: TraceHeader
  let state = Locked(State())

  struct State {
    var fd: Int32 = -1
    var encoder = TraceEncoder()
    /// Encoded bytes not yet sent: `pending[sentOffset...]` (sent bytes are cut off in bulk,
    /// not on every send).
    var pending: [UInt8] = []
    var sentOffset = 0
    var started = false
    var filter = DropFilter()
    /// The encoder of a stream whose viewer went away (without its bytes): the next stream
    /// announces its open calls again.
    var previous: TraceEncoder?
    /// The last call before the sink was added.
    var firstCallAfter: UInt64 = 0
    var lastAttempt: UInt64 = 0
    var definitions: [TraceEvent] = []
    var closed = false
    /// Events dropped in total (for tests and the bench).
    var droppedTotal: UInt64 = 0
  }

  /// A stream of the calls after `lastCallID` (the calls before it happened without it).
  init(path: String, header: TraceHeader, definitions: [TraceEvent], lastCallID: UInt64 = 0) {
    self.path = path
    self.header = header
    state.withLock {
      $0.definitions = definitions
      $0.firstCallAfter = lastCallID
    }
    pump()
  }

  /// A stream to a viewer that attached on `fd` (a connected socket the sink now owns), of
  /// the calls after `lastCallID`.
  init(attached fd: Int32, header: TraceHeader, definitions: [TraceEvent], lastCallID: UInt64) {
    path = nil
    self.header = header
    UnixSocket.setNonBlocking(fd)
    state.withLock {
      $0.fd = fd
      $0.definitions = definitions
      $0.firstCallAfter = lastCallID
    }
    pump()
  }

  /// Events dropped so far.
  var dropped: UInt64 { state.withLock { $0.droppedTotal + $0.filter.pendingLoss } }

  /// Encoded bytes not yet sent.
  var pendingBytes: Int { state.withLock { $0.unsent } }

  /// Lends the stream's encoder to `body`, which encodes records straight into it and returns
  /// how many it could not encode (counted as lost), then sends what it can. Returns false,
  /// without calling `body`, when the stream cannot take records that way now: its buffer is
  /// full (the caller then leaves the records to the threads, which drop new calls at the
  /// source, or goes through events and the drop filter), or the drop filter still holds
  /// dropped open calls whose returns and children it must see.
  func withEncoder(_ body: DirectBody) -> Bool {
    state.withLock { state in
      guard !state.closed else { return true }
      if isParked(state) { return parkedEncode(&state, body) }
      if !state.started { start(&state) }
      guard state.unsent < SocketSink.bufferLimit, state.filter.isEmpty else { return false }
      if let loss = state.filter.takeLoss() {
        state.droppedTotal += lossCount(loss)
        try? state.encoder.encode(loss)
      }
      var definitions = state.definitions
      state.definitions = []
      let failed = withUnsafeMutablePointer(to: &state.encoder) { encoder in
        withUnsafeMutablePointer(to: &definitions) { body(encoder, $0) }
      }
      state.definitions = definitions
      if failed > 0 {
        state.droppedTotal += UInt64(failed)
        state.encoder.loss(count: UInt64(failed), thread: nil, parent: nil)
      }
      send(&state)
      return true
    }
  }

  func write(_ events: [TraceEvent]) {
    state.withLock { state in
      guard !state.closed else { return }
      if isParked(state) { return parkedWrite(&state, events) }
      if !state.started { start(&state) }
      for event in events {
        if event.isDefinition { state.definitions.append(event) }
        encode(event, into: &state)
      }
      send(&state)
    }
  }

  /// Tries to connect and to send what is buffered.
  func pump() {
    state.withLock { state in
      guard !state.closed, !isParked(state) else { return }
      if !state.started { start(&state) }
      send(&state)
    }
  }

  func flush() { pump() }

  func close() {
    state.withLock { state in
      guard !state.closed else { return }
      if state.fd >= 0 {
        if let loss = state.filter.takeLoss() { try? state.encoder.encode(loss) }
        state.encoder.end(exitStatus: ProcessExit.status)
        send(&state)
        // At the end the program may wait a little (at most 2 s) for a slow viewer to take
        // the rest, rather than cut its stream short.
        var rounds = 0
        while state.fd >= 0, state.unsent > 0, rounds < 200 {
          var waiting = pollfd(fd: state.fd, events: Int16(POLLOUT), revents: 0)
          _ = poll(&waiting, 1, 10)
          send(&state)
          rounds += 1
        }
        if state.fd >= 0 {
          // An attached viewer's socket has a duplicate (the attach thread watches it):
          // shut the connection itself down so that the viewer sees the end.
          if path == nil { _ = Glibc.shutdown(state.fd, Int32(SHUT_RDWR)) }
          Glibc.close(state.fd)
        }
        state.fd = -1
      }
      state.closed = true
    }
  }

  /// A new stream: header, every definition seen so far, then (for a viewer connecting
  /// again) the calls still open, so that what follows refers only to calls it announced.
  func start(_ state: inout State) {
    state.encoder = TraceEncoder()
    state.encoder.keepsOpenCalls = true
    state.encoder.header(header)
    for event in state.definitions { try? state.encoder.encode(event) }
    state.encoder.startAfter(lastCallID: state.firstCallAfter)
    if let previous = state.previous {
      let failed = state.encoder.continueStream(from: previous)
      if failed > 0 { state.filter.count(UInt64(failed)) }
      state.previous = nil
    }
    state.started = true
  }

  private func encode(_ event: TraceEvent, into state: inout State) {
    guard !event.isDefinition else {
      try? state.encoder.encode(event)
      return
    }
    if state.unsent >= SocketSink.bufferLimit {
      if case .call(let start) = event {
        state.filter.drop(start)
        return
      }
    } else if let loss = state.filter.takeLoss() {
      state.droppedTotal += lossCount(loss)
      try? state.encoder.encode(loss)
    }
    guard let kept = state.filter.pass(event) else { return }
    do {
      try state.encoder.encode(kept)
    } catch {
      if case .call(let start) = kept { state.filter.drop(start) } else { state.filter.count() }
    }
  }

  /// Sends as much of `raw` as the socket takes now; returns the count sent. Sets `broken`
  /// when the viewer went away.
  private static func sendAll(
    _ fd: Int32, _ raw: UnsafeRawBufferPointer, _ broken: inout Bool
  ) -> Int {
    var sent = 0
    while sent < raw.count {
      let count = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
      if count > 0 {
        sent += count
      } else if count < 0, errno == EINTR {
        continue
      } else {
        broken = count < 0 && errno != EAGAIN && errno != EWOULDBLOCK
        break
      }
    }
    return sent
  }

  private func lossCount(_ event: TraceEvent) -> UInt64 {
    if case .loss(let loss) = event { return loss.count }
    return 0
  }

  /// Connects if needed (at most every 200 ms) and sends without blocking.
  func send(_ state: inout State) {
    if state.fd < 0 {
      guard let path else { return }
      let now = TickClock.monotonicNanos()
      guard now &- state.lastAttempt >= SocketSink.retryNanos || state.lastAttempt == 0 else {
        return
      }
      state.lastAttempt = now
      state.fd = UnixSocket.connected(to: path)
      guard state.fd >= 0 else { return }
      UnixSocket.setNonBlocking(state.fd)
    }
    let fd = state.fd
    var broken = false
    // First what waited from before, then the encoder's new bytes (sent straight from its
    // buffer; only what the socket does not take is copied aside).
    if state.sentOffset < state.pending.count {
      let offset = state.sentOffset
      let sent = state.pending.withUnsafeBytes { raw in
        SocketSink.sendAll(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]), &broken)
      }
      state.sentOffset += sent
      if state.sentOffset == state.pending.count {
        state.pending.removeAll(keepingCapacity: true)
        state.sentOffset = 0
      } else if state.sentOffset >= 1 << 20, state.sentOffset * 2 >= state.pending.count {
        state.pending.removeFirst(state.sentOffset)
        state.sentOffset = 0
      }
    }
    if !broken {
      let waiting = state.sentOffset < state.pending.count
      var pending = state.pending
      state.pending = []
      state.encoder.drain { raw in
        let sent = waiting ? 0 : SocketSink.sendAll(fd, raw, &broken)
        if sent < raw.count { pending.append(contentsOf: raw[sent...]) }
      }
      state.pending = pending
    }
    if broken { disconnect(&state) }
  }

  /// The viewer went away: forget the stream's bytes; a later viewer gets a fresh stream
  /// that starts with the calls open now. The drop filter stays: the calls it dropped
  /// are still missing, and their returns and children must still be filtered.
  func disconnect(_ state: inout State) {
    Glibc.close(state.fd)
    state.fd = -1
    state.started = false
    state.encoder.discardBytes()
    state.previous = state.encoder
    state.encoder = TraceEncoder()
    state.pending = []
    state.sentOffset = 0
  }
}

extension SocketSink.State {
  /// Encoded bytes not yet sent.
  var unsent: Int { pending.count - sentOffset + encoder.bytes.count }
}
