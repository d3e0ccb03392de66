import FlowTraceExplorer
import FlowTraceWire

/// Why a file could not be opened as a trace at all.
package struct TraceLoadError: Error, CustomStringConvertible {
  package var description: String
}

/// A trace file read into a call tree, with what went wrong if it stopped early.
package struct TraceDocument: Sendable {
  /// The path it came from.
  package var source: String
  package var header: TraceHeader?
  package var tree: CallTree
  /// Where reading stopped when the file is truncated or corrupt, one line.
  package var problem: String?

  package init(source: String, header: TraceHeader?, tree: CallTree, problem: String?) {
    self.source = source
    self.header = header
    self.tree = tree
    self.problem = problem
  }

  /// Builds a document from decoded events (tests, imports, live snapshots).
  package init(
    source: String, header: TraceHeader? = nil, events: [TraceEvent], problem: String? = nil
  ) {
    var tree = CallTree()
    tree.append(contentsOf: events)
    if let header { tree.apply(header) }
    tree.finish()
    self.init(source: source, header: header, tree: tree, problem: problem)
  }
}
