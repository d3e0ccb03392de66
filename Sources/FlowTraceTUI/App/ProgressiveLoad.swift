import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a trace file (binary, or JSON Lines cut at line ends) in slices between keypresses,
/// so the first screen shows after the first slice and the rest streams into the tree while
/// the user already explores.
///
/// Binary records go straight from the mapped file into the tree through the decoder's
/// visitor (`CallTree` is a `TraceVisitor`): no `TraceEvent`, no String per call, no batch.
final class ProgressiveLoad {
  let file: TraceFile
  private var decoder: TraceDecoder
  private var jsonDecoder: JSONLinesDecoder?
  /// JSON Lines: lines before `offset`, to report errors by their line in the whole file.
  private var linesBefore = 0
  /// Bytes of the file fed to the decoder so far.
  private(set) var offset = 0
  private(set) var isDone = false
  /// Where reading stopped early (or that the stream has no end record), one line.
  private(set) var problem: String?
  /// Events decoded so far.
  private(set) var events = 0
  private var headerApplied = false

  /// Bytes fed per slice (a slice takes a few milliseconds).
  static let sliceBytes = 256 << 10

  init(file: TraceFile) {
    self.file = file
    decoder = TraceDecoder(source: file.path)
    if file.format == .jsonLines { jsonDecoder = JSONLinesDecoder(source: file.path) }
  }

  var header: TraceHeader? { jsonDecoder?.header ?? decoder.header }

  /// Fraction of the file read, 0...1.
  var progress: Double {
    file.bytes.count == 0 ? 1 : Double(offset) / Double(file.bytes.count)
  }

  /// Room for the calls a file of this size can hold, reserved before the first slice: the
  /// columns never regrow (no copies, no freed buffers left in the heap), and capacity that
  /// is never written costs address space only.
  static func reserve(for file: TraceFile, in tree: inout CallTree) {
    // A call and its return take at least ~12 bytes in binary, ~60 as JSON Lines.
    let perCall = file.format == .jsonLines ? 60 : 12
    tree.reserveCapacity(calls: file.bytes.count / perCall + 16, stringBytes: file.bytes.count / 2)
  }

  /// Decodes slices into `tree` until `budgetNanos` has passed or the file is done; returns
  /// the number of events added.
  @discardableResult
  func step(into tree: inout CallTree, budgetNanos: UInt64) -> Int {
    let start = Self.now()
    let before = Self.eventCount(tree)
    repeat {
      sliceOnce(into: &tree)
    } while !isDone && Self.now() - start < budgetNanos
    if !headerApplied, let header = jsonDecoder?.header {
      tree.apply(header)
      headerApplied = true
    }
    let added = Self.eventCount(tree) - before
    events += added
    let ended = jsonDecoder?.isEnded ?? decoder.isEnded
    if isDone && problem == nil && !ended {
      problem = "the trace has no end record: the program stopped before finishing"
    }
    return added
  }

  private static func eventCount(_ tree: CallTree) -> Int {
    tree.programCount == 0 ? 0 : tree.program(0).events
  }

  private func sliceOnce(into tree: inout CallTree) {
    guard !isDone else { return }
    if jsonDecoder != nil {
      sliceLines(into: &tree)
      return
    }
    let end = min(file.bytes.count, offset + Self.sliceBytes)
    do {
      try decoder.feed(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end]), into: &tree)
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
  private func sliceLines(into tree: inout CallTree) {
    let bytes = file.bytes
    var end = min(bytes.count, offset + Self.sliceBytes)
    while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
    let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    do {
      try jsonDecoder?.decode(chunk) { tree.append($0) }
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
