import FlowTraceSystem
import FlowTraceWire
import Glibc

/// Records the trace to a file: every event, flushed after each drain (at least every 100 ms),
/// at `stopTracing()` and at exit.
final class FileSink: EventSink {
  let path: String
  private let state: Locked<State>

  struct State {
    var fd: Int32
    var encoder = TraceEncoder()
    var failed = 0
    var closed = false
    /// Bytes safely in the file (whole records only).
    var written: Int64 = 0
    /// The write error that stopped recording (disk full, file-size limit), if any.
    var stopError: Int32?
    /// Events dropped since recording stopped.
    var lost = 0
    var path = ""
  }

  /// A file for the calls after `lastCallID` (the calls before it happened without it).
  init(
    path: String, header: TraceHeader, definitions: [TraceEvent], lastCallID: UInt64 = 0
  ) throws(SinkError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SinkError(path: path, message: Errno.text(errno)) }
    FileSink.ignoreFileSizeSignal()
    self.path = path
    var initial = State(fd: fd)
    initial.path = path
    initial.encoder.header(header)
    for event in definitions { try? initial.encoder.encode(event) }
    initial.encoder.startAfter(lastCallID: lastCallID)
    state = Locked(initial)
    flush()
  }

  func write(_ events: [TraceEvent]) {
    state.withLock { state in
      guard !state.closed else { return }
      guard state.stopError == nil else {
        state.lost += events.count
        return
      }
      for event in events {
        do { try state.encoder.encode(event) } catch { state.failed += 1 }
      }
      FileSink.writeOut(&state)
    }
  }

  /// Encodes events produced by `body` straight into the file's encoder (no event array),
  /// then writes them out.
  func encodeDirect(_ body: ((TraceEvent) -> Void) -> Void) {
    state.withLock { state in
      guard !state.closed else { return }
      if state.stopError != nil { return body { _ in state.lost += 1 } }
      body { event in
        do { try state.encoder.encode(event) } catch { state.failed += 1 }
      }
      FileSink.writeOut(&state)
    }
  }

  /// Lends the file's encoder to `body`, which encodes records straight into it and returns
  /// how many it could not encode, then writes the bytes out. Returns false, without calling
  /// `body`, once recording has stopped on a write error (the caller then counts the loss).
  func withEncoder(_ body: DirectBody) -> Bool {
    state.withLock { state in
      guard !state.closed else { return true }
      guard state.stopError == nil else { return false }
      state.failed += withUnsafeMutablePointer(to: &state.encoder) { body($0, nil) }
      FileSink.writeOut(&state)
      return true
    }
  }

  func flush() {
    state.withLock { FileSink.writeOut(&$0) }
  }

  func close() {
    state.withLock { state in
      guard !state.closed else { return }
      state.closed = true
      state.encoder.end(exitStatus: ProcessExit.status)
      FileSink.writeOut(&state)
      Glibc.close(state.fd)
      if let code = state.stopError {
        FileSink.report(
          "flowtrace: \(path): \(Errno.text(code)); recording stopped, "
            + "\(state.lost) later events lost (the file keeps every record before)\n")
      }
    }
  }

  /// A file-size limit (`RLIMIT_FSIZE`) must fail the write with `EFBIG`, not kill the traced
  /// program with `SIGXFSZ`: ignore the signal unless the program handles it itself.
  private static func ignoreFileSizeSignal() {
    var current = sigaction()
    guard sigaction(SIGXFSZ, nil, &current) == 0 else { return }
    guard current.__sigaction_handler.sa_handler == nil, current.sa_flags & SA_SIGINFO == 0 else {
      return
    }
    signal(SIGXFSZ, SIG_IGN)
  }

  static func report(_ message: String) {
    var text = message
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }

  /// Writes the encoded bytes to the file (the kernel keeps them if the process dies).
  /// A write that fails (disk full, file-size limit) stops recording: the file is cut back to
  /// its last whole record so it stays readable, the error is said once on stderr, and later
  /// events are counted as lost.
  private static func writeOut(_ state: inout State) {
    let fd = state.fd
    guard state.stopError == nil else { return state.encoder.drain { _ in } }
    var failure: Int32?
    var offset = 0
    state.encoder.drain { raw in
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    guard let failure else {
      state.written += Int64(offset)
      return
    }
    state.stopError = failure
    _ = ftruncate(fd, off_t(state.written))
    _ = lseek(fd, off_t(state.written), SEEK_SET)
    report("flowtrace: \(state.path): \(Errno.text(failure)); recording stopped\n")
  }
}
