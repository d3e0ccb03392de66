import FlowTraceWire

extension TraceDocument {
  /// Reads a `uftrace.data` directory (what `uftrace record` writes) into a tree, as
  /// `flowtrace import --from uftrace` reads it.
  static func loadUftrace(path: String) throws(TraceLoadError) -> TraceDocument {
    var builder = ChromeTraceBuilder(source: path)
    let notes: [String]
    do throws(TraceFormatError) {
      var reader = try UftraceDataReader(directory: path)
      try reader.read(into: &builder)
      try builder.finish()
      notes = reader.notes
    } catch {
      throw TraceLoadError(description: "not imported: \(error.description)")
    }
    return imported(builder, path: path, notes: notes + builder.notes)
  }
}
