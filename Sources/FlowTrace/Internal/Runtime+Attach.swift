import FlowTraceSystem
import Glibc

extension Runtime {
  /// A viewer attached on `fd` (the sink owns it now): tracing goes on and streams to it,
  /// starting with the calls still open from an earlier attach.
  func attach(_ fd: Int32) {
    let header = traceHeader()
    consumers.withLock { consumers in
      consumers.drain()
      if let sink = consumers.attached, consumers.sinks.contains(where: { $0 === sink }) {
        sink.resume(fd)
      } else {
        let sink = SocketSink(
          attached: fd, header: header, definitions: consumers.definitions,
          lastCallID: consumers.collector.nextWireID - 1)
        consumers.attached = sink
        consumers.sinks.append(sink)
      }
    }
    state.withLock { $0.attachCounted = true }
    sinkAdded(socket: true)
  }

  /// The attached viewer went away: its socket closes and tracing returns to what it was
  /// before (off, unless the program records or prints on its own).
  func detach() {
    drain()
    consumers.withLock { $0.attached?.park() }
    let counted = state.withLock { state in
      guard state.attachCounted else { return false }
      state.attachCounted = false
      state.sinkCount -= 1
      if state.sinkCount == 0 { state.socketOnly = false }
      return true
    }
    if counted { republish() }
  }

  /// What `status` tells a viewer's picker.
  func attachStatus() -> AttachProtocol.Status {
    let header = traceHeader()
    let calls = consumers.withLock { $0.collector.nextWireID - 1 }
    return AttachProtocol.Status(
      pid: header.pid, startWallNanos: header.startWallNanos, calls: calls,
      program: header.program)
  }
}
