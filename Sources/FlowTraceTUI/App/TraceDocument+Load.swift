import FlowTraceExplorer
import FlowTraceWire

extension TraceDocument {
  /// Reads `path` (binary or JSON Lines, a Chrome trace or a uftrace data directory). A file that yields no event at all is not a trace
  /// and throws; one that breaks after some events opens with its valid prefix and `problem`.
  package static func load(path: String) throws(TraceLoadError) -> TraceDocument {
    // Without a time budget the first step reads the whole file.
    try open(path: path, budgetNanos: .max).0
  }

  /// Opens `path` for the explorer: the first slices are decoded now and a `ProgressiveLoad`
  /// reads the rest between keypresses (the first screen shows at once).
  static func open(
    path: String, budgetNanos: UInt64 = 50_000_000
  ) throws(TraceLoadError) -> (TraceDocument, ProgressiveLoad?) {
    if UftraceDataReader.isDataDirectory(path) { return (try loadUftrace(path: path), nil) }
    let file: TraceFile
    do {
      file = try TraceFile.open(path)
    } catch {
      throw TraceLoadError(description: error.description)
    }
    guard file.bytes.count > 0 else {
      throw TraceLoadError(description: "\(path): empty file, not a FlowTrace trace")
    }
    if ChromeTraceReader.looksLikeChromeTrace(file.bytes) {
      return (try loadChrome(path: path), nil)
    }
    let loader = ProgressiveLoad(file: file)
    var tree = CallTree()
    ProgressiveLoad.reserve(for: file, in: &tree)
    let added = loader.step(into: &tree, budgetNanos: budgetNanos)
    if added == 0, let problem = loader.problem, loader.isDone {
      let reason = problem.dropPrefix("trace stopped early: ")
      throw TraceLoadError(description: "not a FlowTrace trace: \(reason)")
    }
    var problem: String?
    if loader.isDone {
      tree.finish()
      problem = loader.problem
    }
    let document = TraceDocument(
      source: path, header: loader.header, tree: tree, problem: problem)
    return (document, loader.isDone ? nil : loader)
  }
}
