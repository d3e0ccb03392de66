import FlowTraceWire

/// `flowtrace import --from uftrace DIR -o OUT`: a `uftrace.data` directory read directly
/// (no `uftrace dump` needed), arguments and return values included when recorded.
enum UftraceImport {
  /// Reads directory `path` and writes the binary trace to `out`; returns notes.
  static func run(path: String, to out: OutputStream) throws -> [String] {
    var reader = try UftraceDataReader(directory: path)
    var builder = ChromeTraceBuilder(source: path)
    try reader.read(into: &builder)
    try builder.finish()
    try ChromeImport.write(builder, to: out)
    return reader.notes + builder.notes + ["\(builder.callCount) calls imported"]
  }
}
