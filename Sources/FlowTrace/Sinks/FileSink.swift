import FlowTraceWire
import Glibc
import Synchronization

/// Records the trace to a file: every event, flushed after each drain (at least every 100 ms),
/// at `stopTracing()` and at exit.
final class FileSink: EventSink {
  let path: String
  private let state: Mutex<State>

  struct State {
    var fd: Int32
    var encoder = TraceEncoder()
    var failed = 0
    var closed = false
  }

  init(path: String, header: TraceHeader, definitions: [TraceEvent]) throws(SinkError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SinkError(path: path, message: Errno.text(errno)) }
    self.path = path
    var initial = State(fd: fd)
    initial.encoder.header(header)
    for event in definitions { try? initial.encoder.encode(event) }
    state = Mutex(initial)
    flush()
  }

  func write(_ events: [TraceEvent]) {
    state.withLock { state in
      guard !state.closed else { return }
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
      body { event in
        do { try state.encoder.encode(event) } catch { state.failed += 1 }
      }
      FileSink.writeOut(&state)
    }
  }

  func flush() {
    state.withLock { FileSink.writeOut(&$0) }
  }

  func close() {
    state.withLock { state in
      guard !state.closed else { return }
      state.closed = true
      state.encoder.end()
      FileSink.writeOut(&state)
      Glibc.close(state.fd)
    }
  }

  /// Writes the encoded bytes to the file (the kernel keeps them if the process dies).
  private static func writeOut(_ state: inout State) {
    let fd = state.fd
    state.encoder.drain { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }
}

/// A sink that could not be opened.
public struct SinkError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public var description: String { "\(path): \(message)" }
}

enum Errno {
  static func text(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
