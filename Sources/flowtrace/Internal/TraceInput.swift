import FlowTraceWire

/// Opens a trace file and reads its events, whatever its format.
struct TraceInput {
  let file: TraceFile

  init(path: String) throws(TraceFileError) {
    file = try TraceFile.open(path)
  }

  /// Delivers every event; returns the header. Throws the format error after delivering the
  /// events before it.
  @discardableResult
  func forEachEvent(_ body: (TraceEvent) -> Void) throws(TraceFormatError) -> TraceHeader? {
    try file.forEachEvent(body)
  }
}
