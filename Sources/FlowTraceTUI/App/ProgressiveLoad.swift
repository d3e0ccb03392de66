import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a binary trace file in slices between keypresses, so the first screen shows after
/// the first slice and the rest streams into the tree while the user already explores.
final class ProgressiveLoad {
  let file: TraceFile
  private var decoder: TraceDecoder
  private var visitor: EventVisitor
  private let batch: EventBatch
  /// Bytes of the file fed to the decoder so far.
  private(set) var offset = 0
  private(set) var isDone = false
  /// Where reading stopped early (or that the stream has no end record), one line.
  private(set) var problem: String?
  /// Events decoded so far.
  private(set) var events = 0
  private var sawEnd = false

  /// Bytes fed per slice (a slice takes a few milliseconds).
  static let sliceBytes = 256 << 10

  final class EventBatch {
    var events: [TraceEvent] = []
  }

  init(file: TraceFile) {
    self.file = file
    decoder = TraceDecoder(source: file.path)
    let batch = EventBatch()
    self.batch = batch
    visitor = EventVisitor { batch.events.append($0) }
  }

  var header: TraceHeader? { visitor.header }

  /// Fraction of the file read, 0...1.
  var progress: Double {
    file.bytes.count == 0 ? 1 : Double(offset) / Double(file.bytes.count)
  }

  /// Decodes slices until `budgetNanos` has passed or the file is done; returns the events.
  func step(budgetNanos: UInt64) -> [TraceEvent] {
    let start = Self.now()
    repeat {
      sliceOnce()
    } while !isDone && Self.now() - start < budgetNanos
    let out = batch.events
    batch.events.removeAll(keepingCapacity: true)
    events += out.count
    if case .end = out.last { sawEnd = true }
    if isDone && problem == nil && !sawEnd {
      problem = "the trace has no end record: the program stopped before finishing"
    }
    return out
  }

  private func sliceOnce() {
    guard !isDone else { return }
    let end = min(file.bytes.count, offset + Self.sliceBytes)
    do {
      try decoder.feed(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end]), into: &visitor)
      offset = end
      if offset == file.bytes.count {
        isDone = true
        try decoder.finish()
      }
    } catch {
      isDone = true
      offset = file.bytes.count
      problem = "trace stopped early: \(error.description)"
    }
  }

  /// Monotonic nanoseconds.
  static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }
}
