import FlowTraceWire

/// Turns trace events into OTLP/JSON as the OpenTelemetry file exporter writes it: JSON Lines,
/// one `TracesData` object per line, each holding a batch of finished spans.
///
/// One span per call (emitted when the call ends, so children come before their parent):
/// trace id from the root call, span id from the call id (`OTLPIdentity`), the parent's span
/// id, the function as the name, arguments and result as `flowtrace.arg.<label>` and
/// `flowtrace.result` attributes, thread and task as attributes, a propagated error as
/// status ERROR plus an `exception` event (a caught one as an event only).
///
/// Times are the header's wall-clock start plus the call's timestamp. A call recorded without
/// timing gets start and end placed by event order (1 ns per event from the trace's start),
/// which keeps nesting and order, and the attribute `flowtrace.timing = "none"`. Calls still
/// open when the trace ends end at the last time seen with `flowtrace.incomplete = true`.
/// Losses: a loss inside a call becomes a `flowtrace.lost_events` event on that call's span;
/// every batch's resource carries the number lost so far in `flowtrace.lost_events`.
struct OTLPWriter {
  struct Site {
    var name: String
    var labels: [String]
    var file: String
    var line: UInt32
  }

  struct OpenCall {
    var start: CallStart
    var root: UInt64
    var startNanos: UInt64
    var timed: Bool
    var error: CallError?
    var lost: [(count: UInt64, at: UInt64)] = []
  }

  /// Finished lines (each a complete `TracesData` object followed by a newline).
  var lines: [[UInt8]] = []
  /// Spans written so far.
  var spanCount = 0
  /// Events the recording lost (from loss events).
  private(set) var lostEvents: UInt64 = 0

  let batchSize: Int
  var identity = OTLPIdentity(header: nil)
  var header: TraceHeader?
  var sites: [UInt32: Site] = [:]
  var threads: [UInt32: String] = [:]
  var tasks: [UInt64: String] = [:]
  var open: [UInt64: OpenCall] = [:]
  /// Root call of every call seen (a detached child finds its tree after its parent ended).
  var roots: [UInt64: UInt64] = [:]
  var batch: [UInt8] = []
  var batchSpans = 0
  var eventIndex: UInt64 = 0
  var lastNanos: UInt64 = 0

  init(batchSize: Int = 512) {
    self.batchSize = max(1, batchSize)
  }

  mutating func begin(_ header: TraceHeader?) {
    self.header = header
    identity = OTLPIdentity(header: header)
  }

  /// Removes and returns the finished lines.
  mutating func takeLines() -> [[UInt8]] {
    defer { lines.removeAll(keepingCapacity: true) }
    return lines
  }

  mutating func consume(_ event: TraceEvent) {
    eventIndex += 1
    switch event {
    case .callSite(let s):
      sites[s.id] = Site(name: s.qualifiedName, labels: s.labels, file: s.file, line: s.line)
    case .thread(let t): threads[t.id] = t.name
    case .task(let t): tasks[t.id] = t.name
    case .call(let c):
      let root = c.parent.flatMap { roots[$0] } ?? c.parent ?? c.id
      roots[c.id] = root
      let nanos = time(c.timestamp)
      open[c.id] = OpenCall(start: c, root: root, startNanos: nanos, timed: c.timestamp != nil)
    case .error(let e): open[e.id]?.error = e
    case .return(let r):
      let end = time(r.timestamp)
      guard let call = open.removeValue(forKey: r.id) else { return }
      appendSpan(call, endNanos: end, result: r.result, incomplete: false)
    case .loss(let l):
      lostEvents += l.count
      let at = time(nil)
      if let parent = l.parent { open[parent]?.lost.append((l.count, at)) }
    case .end: break
    }
  }

  /// Ends the calls still open (incomplete) and closes the last batch.
  mutating func finish() {
    for (_, call) in open.sorted(by: { $0.key < $1.key }) {
      appendSpan(call, endNanos: lastNanos, result: nil, incomplete: true)
    }
    open.removeAll()
    closeBatch()
  }

  /// Nanoseconds since the trace's start: the timestamp, else the event's position.
  private mutating func time(_ timestamp: UInt64?) -> UInt64 {
    let t = timestamp ?? eventIndex
    lastNanos = Swift.max(lastNanos, t)
    return t
  }

  mutating func closeBatch() {
    guard batchSpans > 0 else { return }
    var line: [UInt8] = []
    line.reserveCapacity(batch.count + 512)
    line.append(contentsOf: #"{"resourceSpans":[{"resource":{"attributes":["#.utf8)
    appendResourceAttributes(&line)
    line.append(contentsOf: #"]},"scopeSpans":[{"scope":{"name":"flowtrace","version":"1"},"#.utf8)
    line.append(contentsOf: #""spans":["#.utf8)
    line.append(contentsOf: batch)
    line.append(contentsOf: "]}]}]}\n".utf8)
    lines.append(line)
    batch.removeAll(keepingCapacity: true)
    batchSpans = 0
  }

  private func appendResourceAttributes(_ line: inout [UInt8]) {
    let program = header?.program ?? "trace"
    let service = program.split(separator: "/").last.map(String.init) ?? program
    line.appendOTLPAttribute("service.name", string: service.isEmpty ? "trace" : service)
    line.append(UInt8(ascii: ","))
    line.appendOTLPAttribute("process.executable.path", string: program)
    if let header {
      line.append(UInt8(ascii: ","))
      line.appendOTLPAttribute("process.pid", int: Int64(header.pid))
    }
    line.append(UInt8(ascii: ","))
    line.appendOTLPAttribute("telemetry.sdk.name", string: "flowtrace")
    line.append(UInt8(ascii: ","))
    line.appendOTLPAttribute("flowtrace.lost_events", int: Int64(clamping: lostEvents))
  }
}
