import FlowTraceWire

/// A writer that turns trace events into bytes held until taken (JSON Lines, Chrome JSON).
protocol ByteEventWriter {
  /// The bytes written and not yet taken.
  var bytes: [UInt8] { get }
  /// Removes and returns the bytes written.
  mutating func takeBytes() -> [UInt8]
  /// Writes one event.
  mutating func write(_ event: TraceEvent)
}

extension JSONLinesEncoder: ByteEventWriter {
  mutating func write(_ event: TraceEvent) { encode(event) }
}

extension ChromeTraceWriter: ByteEventWriter {
  mutating func write(_ event: TraceEvent) { consume(event) }
}

extension TraceInput {
  /// Feeds every event to `writer`, writing its bytes to `out` each 64 KiB (and the rest at
  /// the end, after `finish`). A write error stops the output and is thrown; a trace that
  /// ends in a format error is returned after what came before it was written.
  func pump<Writer: ByteEventWriter>(
    into writer: inout Writer, out: OutputStream, finish: (inout Writer) -> Void = { _ in }
  ) throws(CLIError) -> TraceFormatError? {
    var failure: TraceFormatError?
    var writeError: CLIError?
    do throws(TraceFormatError) {
      try forEachEvent { event in
        writer.write(event)
        if writer.bytes.count >= 1 << 16, writeError == nil {
          do throws(CLIError) { try out.write(writer.takeBytes()) } catch { writeError = error }
        }
      }
    } catch { failure = error }
    if let writeError { throw writeError }
    finish(&writer)
    try out.write(writer.takeBytes())
    return failure
  }
}
