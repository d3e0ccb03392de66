import FlowTraceWire

extension TraceEncoder {
  /// Encodes `event`, writing the bytes to `out` each 64 KiB. The first error (an event the
  /// format refuses, or a failed write) is kept in `failure`, and later events are skipped.
  mutating func encode(_ event: TraceEvent, writingTo out: OutputStream, failure: inout Error?) {
    guard failure == nil else { return }
    do {
      try encode(event)
      if bytes.count >= 1 << 16 { try out.write(takeBytes()) }
    } catch {
      failure = error
    }
  }
}
