import FlowTraceExplorer
import FlowTraceWire

extension TraceDocument {
  /// Reads `path` (binary or JSON Lines). A file that yields no event at all is not a trace
  /// and throws; one that breaks after some events opens with its valid prefix and `problem`.
  public static func load(path: String) throws(TraceLoadError) -> TraceDocument {
    let file: TraceFile
    do {
      file = try TraceFile.open(path)
    } catch {
      throw TraceLoadError(description: error.description)
    }
    guard file.bytes.count > 0 else {
      throw TraceLoadError(description: "\(path): empty file, not a FlowTrace trace")
    }
    final class Sink: @unchecked Sendable {
      var tree = CallTree()
      var events = 0
      var ended = false
    }
    let sink = Sink()
    var header: TraceHeader?
    var problem: String?
    let body: (TraceEvent) -> Void = { event in
      sink.events += 1
      if event == .end { sink.ended = true }
      sink.tree.append(event)
    }
    var visitor = EventVisitor(body)
    do {
      switch file.format {
      case .binary:
        // Decoding through a visitor keeps the header even when a later record is bad.
        defer { header = visitor.header }
        _ = try file.decodeBinary(into: &visitor)
      case .jsonLines:
        header = try file.forEachEvent(body)
      }
    } catch {
      if sink.events == 0 {
        throw TraceLoadError(description: "not a FlowTrace trace: \(error.description)")
      }
      problem = "trace stopped early: \(error.description)"
    }
    if problem == nil && !sink.ended {
      problem = "the trace has no end record: the program stopped before finishing"
    }
    if let header { sink.tree.apply(header) }
    sink.tree.finish()
    return TraceDocument(source: path, header: header, tree: sink.tree, problem: problem)
  }
}

extension TraceDocument {
  /// Opens `path` for the explorer: the first slices are decoded now and a `ProgressiveLoad`
  /// reads the rest between keypresses (the first screen shows at once).
  static func open(path: String) throws(TraceLoadError) -> (TraceDocument, ProgressiveLoad?) {
    let file: TraceFile
    do {
      file = try TraceFile.open(path)
    } catch {
      throw TraceLoadError(description: error.description)
    }
    guard file.bytes.count > 0 else {
      throw TraceLoadError(description: "\(path): empty file, not a FlowTrace trace")
    }
    let loader = ProgressiveLoad(file: file)
    let first = loader.step(budgetNanos: 50_000_000)
    if first.isEmpty, let problem = loader.problem, loader.isDone {
      let reason = problem.dropPrefix("trace stopped early: ")
      throw TraceLoadError(description: "not a FlowTrace trace: \(reason)")
    }
    var tree = CallTree()
    tree.append(contentsOf: first)
    if let header = loader.header { tree.apply(header) }
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
