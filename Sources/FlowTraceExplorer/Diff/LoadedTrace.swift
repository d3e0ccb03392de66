import Dispatch
import FlowTraceWire

/// A trace file read whole into a call tree, with where reading stopped if it did early.
public struct LoadedTrace: Sendable {
  public var tree: CallTree
  public var header: TraceHeader?
  /// Why the tree holds only a prefix of the file (a truncated or corrupt trace), one line.
  public var problem: String?

  /// Reads `file` (binary through the decoder's visitor, JSON Lines by events). Calls still
  /// open where the file ends are marked unfinished.
  public init(_ file: TraceFile) {
    var tree = CallTree()
    tree.reserveCapacity(calls: file.bytes.count / 12, stringBytes: file.bytes.count / 4)
    switch file.format {
    case .binary:
      var decoder = TraceDecoder(source: file.path)
      do {
        try decoder.decode(file.bytes, into: &tree)
        if !decoder.isEnded { problem = "no end record: the program stopped before finishing" }
      } catch {
        problem = error.description
      }
      header = decoder.header
    case .jsonLines:
      do {
        header = try file.forEachEvent { tree.append($0) }
      } catch {
        problem = error.description
      }
      if let header { tree.apply(header) }
    }
    tree.finish()
    self.tree = tree
  }

  /// Reads two files at once, one per core.
  public static func both(_ a: TraceFile, _ b: TraceFile) -> (LoadedTrace, LoadedTrace) {
    let box = Pair(files: [a, b])
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      if index == 0 {
        box.first = LoadedTrace(box.files[0])
      } else {
        box.second = LoadedTrace(box.files[1])
      }
    }
    guard let first = box.first, let second = box.second else {
      return (LoadedTrace(a), LoadedTrace(b))
    }
    return (first, second)
  }

  /// Each iteration writes its own property only.
  private final class Pair: @unchecked Sendable {
    let files: [TraceFile]
    var first: LoadedTrace?
    var second: LoadedTrace?
    init(files: [TraceFile]) { self.files = files }
  }
}
