import FlowTraceWire

/// `flowtrace import --from chrome FILE.json -o OUT`: a Chrome trace (uftrace, viztracer,
/// Perfetto's legacy JSON) read as a stream into one binary trace (several processes become
/// threads named with their pid).
enum ChromeImport {
  /// Reads `path` and writes the binary trace to `out`; returns notes for standard error.
  static func run(path: String, to out: OutputStream) throws -> [String] {
    var reader = ChromeTraceReader(source: path)
    var builder = ChromeTraceBuilder(source: path)
    try reader.read { (event) throws(TraceFormatError) in try builder.add(event) }
    try builder.finish()
    try write(builder, to: out)
    var notes = builder.notes
    if reader.unterminated {
      notes.append("the event array has no closing ]: the trace was cut short")
    }
    notes.append("\(builder.callCount) calls imported")
    return notes
  }

  /// Writes what `builder` holds as one binary trace (every process in program 0).
  static func write(_ builder: ChromeTraceBuilder, to out: OutputStream) throws {
    var encoder = TraceEncoder()
    encoder.header(builder.headers(merge: true)[0])
    var failure: Error?
    builder.emit(merge: true) { _, event in
      encoder.encode(event, writingTo: out, failure: &failure)
    }
    if let failure { throw failure }
    encoder.end()
    try out.write(encoder.takeBytes())
    try out.flush()
  }
}
