import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the Chrome importer over in-memory JSON, read through windows of `window` bytes.
struct ChromeImportRun {
  var events: [TraceEvent] = []
  var headers: [TraceHeader] = []
  var reader: ChromeTraceReader
  var builder: ChromeTraceBuilder

  init(_ json: String, window: Int = 1 << 20, merge: Bool = true) throws(TraceFormatError) {
    var reader = ChromeTraceReader(source: "t.json")
    reader.windowSize = window
    var builder = ChromeTraceBuilder(source: "t.json")
    let bytes = Array(json.utf8)
    var offset = 0
    try reader.read(
      from: { buffer in
        // Hand out a few bytes at a time at most, so events straddle reads.
        let count = min(buffer.count, bytes.count - offset, 7_919)
        for i in 0..<count { buffer[i] = bytes[offset + i] }
        offset += count
        return count
      },
      { (event) throws(TraceFormatError) in try builder.add(event) })
    try builder.finish()
    var events: [TraceEvent] = []
    builder.emit(merge: merge) { _, event in events.append(event) }
    self.reader = reader
    self.builder = builder
    self.events = events
    headers = builder.headers(merge: merge)
  }

  /// `name(args) → result` per call, indented by depth (two spaces a level).
  var outline: [String] { ImportedEvents(events: events).outline }
}

/// The events an importer emitted, read back as an outline.
struct ImportedEvents {
  var events: [TraceEvent]

  var outline: [String] {
    var depth: [UInt64: Int] = [:]
    var sites: [UInt32: CallSite] = [:]
    var lines: [String] = []
    var results: [UInt64: String] = [:]
    var index: [UInt64: Int] = [:]
    for event in events {
      switch event {
      case .callSite(let site): sites[site.id] = site
      case .call(let call):
        let level = call.parent.flatMap { depth[$0] }.map { $0 + 1 } ?? 0
        depth[call.id] = level
        let site = sites[call.site]
        let labels = site?.labels ?? []
        let args = (call.args ?? []).enumerated().map { i, value in
          i < labels.count && labels[i] != "_" ? "\(labels[i]): \(value)" : value
        }
        index[call.id] = lines.count
        lines.append(
          String(repeating: "  ", count: level) + (site?.qualifiedName ?? "?") + "("
            + args.joined(separator: ", ") + ")")
      case .return(let end):
        if let result = end.result, let i = index[end.id] {
          results[end.id] = result
          lines[i] += " → " + result
        }
      default: break
      }
    }
    return lines
  }
}
