import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// One traced program connected to the viewer: its socket, every byte it sent (kept for `w`),
/// and an incremental decoder that appends its records to the shared call tree.
package final class LiveConnection {
  /// Where the connection is in its life.
  package enum Phase: Sendable, Equatable {
    /// The socket is open.
    case open
    /// The peer closed its end; bytes may remain to be ingested.
    case closed
    /// Everything it sent is in the tree and the socket is closed.
    case finished
    /// It sent something that is not a FlowTrace stream and was dropped.
    case dropped
  }

  /// The socket (-1 once closed).
  package private(set) var fd: Int32
  /// The peer's process id (`SO_PEERCRED`).
  package let peerPID: Int32
  /// Wall-clock time of the connection, ns since the Unix epoch.
  package let connectedAt: Int64
  package private(set) var phase: Phase = .open
  /// The program's id in the tree, once its header arrived.
  package private(set) var program: Int?
  /// Wall-clock time the peer closed its end, ns since the Unix epoch.
  package private(set) var closedAt: Int64?
  /// Every byte received, in order.
  var received = LiveByteLog()
  var decoder: TraceDecoder

  /// Wraps an accepted, non-blocking socket.
  package init(fd: Int32, peerPID: Int32, connectedAt: Int64) {
    self.fd = fd
    self.peerPID = peerPID
    self.connectedAt = connectedAt
    decoder = TraceDecoder(source: "connection from pid \(peerPID)")
  }

  deinit { closeSocket() }

  /// Bytes received and not yet decoded into the tree.
  package var backlog: Int { received.count - fed }
  /// Bytes handed to the decoder so far.
  private(set) var fed = 0

  /// Bytes received so far.
  package var receivedCount: Int { received.count }

  /// Length of the prefix of what was received that holds only complete records (what `w`
  /// saves).
  package var completeByteCount: Int { min(decoder.offset, received.count) }

  /// The program's trace header, once received.
  package var header: TraceHeader? { decoder.header }

  /// Whether the stream ended cleanly with its end record.
  package var isEnded: Bool { decoder.isEnded }

  /// Reads what the socket has, up to `limit` bytes; closes the socket at end of stream or
  /// on an error. Returns the number of bytes read.
  @discardableResult
  package func readAvailable(limit: Int, scratch: inout [UInt8]) -> Int {
    var total = 0
    while fd >= 0 && total < limit {
      let want = min(scratch.count, limit - total)
      let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, want, 0) }
      if n > 0 {
        scratch.withUnsafeBytes { received.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        total += n
        continue
      }
      if n < 0 {
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { break }
      }
      // End of stream, or a reset connection.
      closeSocket()
      if phase == .open {
        phase = .closed
        closedAt = LiveSession.wallNanos()
      }
    }
    return total
  }

  /// Decodes up to `maxBytes` of the backlog into `tree`. Returns the records appended and a
  /// message when something the user should know happened (dropped, disconnected).
  package func ingest(into tree: inout CallTree, maxBytes: Int) -> (records: Int, message: String?) {
    guard phase == .open || phase == .closed else { return (0, nil) }
    var records = 0
    var ended: String?
    if backlog > 0 {
      var feeder = LiveTreeFeeder(
        tree: CallTree(), program: program, peerPID: peerPID, connectedAt: connectedAt)
      swap(&feeder.tree, &tree)
      let (used, failure) = received.withBytes(from: fed, limit: max(1, maxBytes)) {
        raw -> (Int, TraceFormatError?) in
        do throws(TraceFormatError) {
          try decoder.feed(raw, into: &feeder)
          return (raw.count, nil)
        } catch {
          return (raw.count, error)
        }
      }
      swap(&feeder.tree, &tree)
      fed += used
      program = feeder.program
      records = feeder.records
      if let failure {
        return (records, drop(tree: &tree, reason: failure.description))
      }
      if feeder.ended { ended = announceEnd(tree: &tree) }
    }
    if phase == .closed && backlog == 0 {
      return (records, finish(tree: &tree) ?? ended)
    }
    return (records, ended)
  }

  /// A short name for messages: `demo (pid 42)`, or `pid 42` before the header.
  package func displayName(in tree: CallTree) -> String {
    guard let program else { return "client pid \(peerPID)" }
    let info = tree.program(program)
    let base = info.name.split(separator: "/").last.map(String.init) ?? info.name
    return "\(base.isEmpty ? "program" : base) (pid \(info.pid))"
  }

  /// Records the end its end record announced (`exited 0`, or `ended its trace` without a
  /// status) and returns the message for it.
  private func announceEnd(tree: inout CallTree) -> String? {
    guard let program else { return nil }
    let cause = decoder.exitStatus.map(ProgramEnd.Cause.exited) ?? .ended
    let end = ProgramEnd(cause: cause, runTime: runTime(until: closedAt ?? LiveSession.wallNanos()))
    tree.setEnd(end, program: program)
    return "\(displayName(in: tree)) \(end.text())"
  }

  /// How long the program ran until `wall`: from its trace's start when that is plausible
  /// (within a day before the connection), else from the connection.
  func runTime(until wall: Int64) -> UInt64? {
    var start = connectedAt
    if let header, header.startWallNanos > connectedAt - 86_400_000_000_000,
      header.startWallNanos <= wall
    {
      start = header.startWallNanos
    }
    return wall >= start ? UInt64(wall - start) : nil
  }

  /// Closes the socket (the viewer is quitting or dropping the client).
  package func closeSocket() {
    guard fd >= 0 else { return }
    Glibc.close(fd)
    fd = -1
  }

  private func drop(tree: inout CallTree, reason: String) -> String {
    let name = displayName(in: tree)
    closeSocket()
    phase = .dropped
    if let program { tree.disconnect(program: program) }
    if program == nil {
      return "dropped \(name): not a FlowTrace stream (\(reason))"
    }
    return "dropped \(name): \(reason)"
  }

  private func finish(tree: inout CallTree) -> String? {
    phase = .finished
    guard received.count > 0 else { return nil }  // a probe that connected and left
    let name = displayName(in: tree)
    guard let program else {
      return "dropped \(name): it closed before sending a complete FlowTrace header"
    }
    if decoder.isEnded { return nil }  // said when the end record arrived
    tree.disconnect(program: program)
    let runTime = runTime(until: closedAt ?? LiveSession.wallNanos())
    tree.setEnd(ProgramEnd(cause: .disconnected, runTime: runTime), program: program)
    let partial = received.count - decoder.offset
    if partial > 0 {
      return "\(name) disconnected in the middle of a record (\(partial) bytes cut off)"
    }
    return "\(name) disconnected without ending its trace"
  }
}
