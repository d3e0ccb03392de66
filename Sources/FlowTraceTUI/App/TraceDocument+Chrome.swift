import FlowTraceExplorer
import FlowTraceWire

extension TraceDocument {
  /// Reads a Chrome trace (uftrace, viztracer, Perfetto JSON) into a tree: one process reads
  /// as a FlowTrace file does; several show as one program node each.
  static func loadChrome(path: String) throws(TraceLoadError) -> TraceDocument {
    var reader = ChromeTraceReader(source: path)
    var builder = ChromeTraceBuilder(source: path)
    do throws(TraceFormatError) {
      try reader.read { (event) throws(TraceFormatError) in try builder.add(event) }
      try builder.finish()
    } catch {
      throw TraceLoadError(description: "not imported: \(error.description)")
    }
    let notes = builder.notes + (reader.unterminated ? ["the event array has no closing ]"] : [])
    return imported(builder, path: path, notes: notes)
  }

  /// The tree of what an importer's `builder` holds, `notes` shown as the problem line.
  static func imported(
    _ builder: ChromeTraceBuilder, path: String, notes: [String]
  ) -> TraceDocument {
    let headers = builder.headers()
    var tree = CallTree()
    var programs: [Int] = []
    if headers.count == 1 {
      tree.apply(headers[0])
      programs = [0]
    } else {
      for header in headers {
        let id = tree.addProgram(
          ProgramInfo(name: header.program, pid: header.pid, connectedAt: 0, state: .exited))
        tree.apply(header, program: id)
        programs.append(id)
      }
    }
    builder.emit { program, event in tree.append(event, from: programs[program]) }
    tree.finish()
    return TraceDocument(
      source: path, header: headers[0], tree: tree,
      problem: notes.isEmpty ? nil : notes.joined(separator: "; "))
  }
}
