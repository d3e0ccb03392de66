import FlowTraceExplorer
import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Live mode for the app loop: the listener and its connections, polled together with the
/// terminal; received bytes are decoded into the call tree in batches under a time budget.
package final class LiveSession {
  /// The socket programs connect to (nil when attached to one running program).
  package let listener: LiveListener?
  /// The program attached to (`--attach PID`), nil when listening.
  package let attachedPID: Int32?
  /// Every connection so far (finished ones are kept: their bytes can still be saved).
  package private(set) var connections: [LiveConnection] = []
  /// Stop reading a connection while this many of its bytes wait to be decoded (the program's
  /// writer then drops and counts instead of the viewer growing without bound).
  package var maxBacklog = 64 << 20
  /// Bytes read from one connection per poll round.
  package var readLimit = 4 << 20
  /// Bytes decoded between two looks at the clock.
  package var chunkBytes = 32 << 10
  private var scratch = [UInt8](repeating: 0, count: 1 << 18)
  var pendingMessages: [String] = []
  /// Wait statuses of processes the viewer reaped itself, by pid (`noteExit`).
  var reapedStatuses: [Int32: Int32] = [:]
  /// Connections that closed without an end record, watched until their deadline.
  var unresolvedEnds: [(connection: LiveConnection, until: UInt64)] = []
  private var cursor = 0

  /// Starts a session on a listening socket.
  package init(listener: LiveListener) {
    self.listener = listener
    attachedPID = nil
  }

  /// Starts a session on the connection to a program attached to (`AttachClient.attach`):
  /// no listener; closing the connection (quitting) detaches.
  package init(attached fd: Int32, pid: Int32) {
    listener = nil
    attachedPID = pid
    UnixSocket.setNonBlocking(fd)
    connections.append(LiveConnection(fd: fd, peerPID: pid, connectedAt: Self.wallNanos()))
  }

  deinit { shutdown() }

  /// The socket path.
  package var path: String { listener?.path ?? "pid \(attachedPID ?? 0)" }

  /// What a user types to stream a program here (or which program is attached).
  package var connectHint: String {
    guard listener != nil else { return "attached to pid \(attachedPID ?? 0) (q detaches)" }
    return "FLOWTRACE_SOCKET=\(path) ./your-program"
  }

  /// Descriptors to poll for input: the listener, then each open connection that is not
  /// holding back because of its backlog.
  package func pollDescriptors() -> [pollfd] {
    var fds: [pollfd] = []
    if let listener, listener.fd >= 0 {
      fds.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0))
    }
    for connection in connections where connection.fd >= 0 && connection.backlog < maxBacklog {
      fds.append(pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0))
    }
    return fds
  }

  /// Acts on poll results for descriptors of `pollDescriptors()` (others are ignored):
  /// accepts new programs and reads what the ready ones sent.
  package func handle(_ polled: some Sequence<pollfd>) {
    let ready = Int16(POLLIN | POLLHUP | POLLERR)
    var readable = Set<Int32>()
    var acceptNow = false
    for entry in polled where entry.revents & ready != 0 {
      if entry.fd == listener?.fd { acceptNow = true } else { readable.insert(entry.fd) }
    }
    for connection in connections where readable.contains(connection.fd) {
      connection.readAvailable(limit: readLimit, scratch: &scratch)
    }
    if acceptNow { acceptPending() }
  }

  /// Accepts every waiting connection (and reads what they already sent).
  package func acceptPending() {
    guard let listener else { return }
    for outcome in listener.acceptPending() {
      switch outcome {
      case .accepted(let fd, let pid):
        let connection = LiveConnection(fd: fd, peerPID: pid, connectedAt: Self.wallNanos())
        connections.append(connection)
        connection.readAvailable(limit: readLimit, scratch: &scratch)
      case .refused(let message):
        pendingMessages.append(message)
      }
    }
  }

  /// Whether received bytes (or closed connections) wait to be ingested.
  package var hasBacklog: Bool {
    connections.contains { $0.backlog > 0 || $0.phase == .closed }
  }

  /// Decodes waiting bytes into `tree`, taking turns between connections, until nothing waits
  /// or `budget` is spent. The tree grows in place; nothing is rebuilt.
  @discardableResult
  package func ingest(into tree: inout CallTree, budget: Duration) -> Int {
    let deadline = Self.monotonicNanos() &+ UInt64(max(0, budget.nanoseconds))
    var records = 0
    var idle = 0
    while !connections.isEmpty && idle < connections.count {
      cursor = cursor % connections.count
      let connection = connections[cursor]
      cursor += 1
      guard connection.backlog > 0 || connection.phase == .closed else {
        idle += 1
        continue
      }
      idle = 0
      let hadProgram = connection.program != nil
      let result = connection.ingest(into: &tree, maxBytes: chunkBytes)
      records += result.records
      if !hadProgram && connection.program != nil {
        pendingMessages.append("\(connection.displayName(in: tree)) connected")
      }
      if let message = result.message { pendingMessages.append(message) }
      if connection.phase == .finished, let program = connection.program,
        tree.program(program).end?.isKnown == false
      {
        watchEnd(of: connection)
      }
      if Self.monotonicNanos() >= deadline { break }
    }
    resolveEnds(in: &tree)
    return records
  }

  /// Messages for the message line since the last call, oldest first.
  package func takeMessages() -> [String] {
    defer { pendingMessages.removeAll() }
    return pendingMessages
  }

  /// Programs whose connection is still open and that have not sent their end record.
  package var runningCount: Int {
    connections.count { $0.phase == .open && $0.program != nil && !$0.isEnded }
  }

  /// Closes every connection and the listener (programs still streaming see the socket close
  /// and carry on, counting what they drop).
  package func shutdown() {
    for connection in connections { connection.closeSocket() }
    listener?.close()
  }

  static func monotonicNanos() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
  }

  static func wallNanos() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
  }
}

extension Duration {
  /// The duration in whole nanoseconds (saturating).
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
      ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
