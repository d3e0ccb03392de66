import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a trace file (binary, or JSON Lines cut at line ends) in slices between keypresses,
/// so the first screen shows after the first slice and the rest streams into the tree while
/// the user already explores.
final class ProgressiveLoad {
  let file: TraceFile
  private var decoder: TraceDecoder
  private var visitor: EventVisitor
  private var jsonDecoder: JSONLinesDecoder?
  /// JSON Lines: lines before `offset`, to report errors by their line in the whole file.
  private var linesBefore = 0
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
    if file.format == .jsonLines { jsonDecoder = JSONLinesDecoder(source: file.path) }
  }

  var header: TraceHeader? { jsonDecoder?.header ?? visitor.header }

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
    if jsonDecoder != nil {
      sliceLines()
      return
    }
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

  /// JSON Lines: decodes whole lines from `offset` up to about one slice.
  private func sliceLines() {
    let bytes = file.bytes
    var end = min(bytes.count, offset + Self.sliceBytes)
    while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
    let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    let batch = self.batch
    do {
      try jsonDecoder?.decode(chunk) { batch.events.append($0) }
      for byte in chunk where byte == 0x0A { linesBefore += 1 }
      offset = end
      isDone = offset == bytes.count
    } catch {
      var whole = error
      whole.offset += offset
      whole.line = error.line.map { $0 + linesBefore }
      isDone = true
      offset = bytes.count
      problem = "trace stopped early: \(whole.description)"
    }
  }

  /// Monotonic nanoseconds.
  static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }
}
