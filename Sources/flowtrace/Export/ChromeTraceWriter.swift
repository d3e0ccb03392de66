import FlowTraceWire

/// Turns trace events into Chrome Trace Event JSON (the `{"traceEvents": [...]}` object form
/// that Perfetto and chrome://tracing load): one `"ph":"X"` complete event per call with its
/// arguments, result and error in `args`; `"M"` metadata naming the process, every thread and
/// every async task (each task gets its own track); errors and losses also as instant events.
///
/// Times are microseconds since the trace start. Calls recorded without timing are placed by
/// event order (one microsecond per event) so structure-only traces still show their shape.
struct ChromeTraceWriter {
  private struct Site {
    var name: String
    var labels: [String]
  }

  private struct OpenCall {
    var site: UInt32
    var track: UInt64
    var start: Double
    var args: [String]?
    var error: CallError?
  }

  private(set) var bytes: [UInt8] = []
  private var pid: Int32 = 0
  private var sites: [UInt32: Site] = [:]
  private var threadNames: [UInt32: String] = [:]
  private var taskTracks: [UInt64: UInt64] = [:]
  private var namedTracks: Set<UInt64> = []
  private var open: [UInt64: OpenCall] = [:]
  private var eventIndex: UInt64 = 0
  private var lastTime: Double = 0
  private var first = true

  /// Task tracks get ids above the (small, sequential) thread ids; Perfetto wants 32-bit tids.
  private static let taskTrackBase: UInt64 = 1 << 20

  init() {
    bytes.append(contentsOf: #"{"displayTimeUnit":"ns","traceEvents":["#.utf8)
  }

  /// Removes and returns the JSON written so far.
  mutating func takeBytes() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  mutating func header(_ header: TraceHeader?) {
    pid = header?.pid ?? 0
    let program = header?.program ?? "trace"
    beginEvent(#""name":"process_name","ph":"M","tid":0,"args":{"name":"#)
    bytes.appendJSON(program)
    bytes.append(contentsOf: "}}".utf8)
  }

  mutating func consume(_ event: TraceEvent) {
    eventIndex += 1
    switch event {
    case .callSite(let s): sites[s.id] = Site(name: s.qualifiedName, labels: s.labels)
    case .thread(let t):
      threadNames[t.id] = t.name
      nameTrack(UInt64(t.id), t.name.isEmpty ? "thread \(t.id)" : t.name, sortIndex: UInt64(t.id))
    case .task(let t):
      let track = Self.taskTrackBase + UInt64(taskTracks.count) + 1
      taskTracks[t.id] = track
      nameTrack(track, "task \(t.id)" + (t.name.isEmpty ? "" : ": \(t.name)"), sortIndex: track)
    case .call(let c):
      let start = time(c.timestamp)
      let track = c.task == 0 ? UInt64(c.thread) : (taskTracks[c.task] ?? UInt64(c.thread))
      open[c.id] = OpenCall(site: c.site, track: track, start: start, args: c.args, error: nil)
    case .error(let e):
      open[e.id]?.error = e
    case .return(let r):
      let end = time(r.timestamp)
      guard let call = open.removeValue(forKey: r.id) else { return }
      complete(call, end: end, result: r.result, running: false)
    case .loss(let l):
      beginEvent(#""name":"lost events","ph":"i","s":"p","tid":0,"ts":"#)
      bytes.appendMicroseconds(lastTime)
      bytes.append(contentsOf: #","args":{"count":"#.utf8)
      bytes.appendDecimal(l.count)
      bytes.append(contentsOf: "}}".utf8)
    case .end: break
    }
  }

  /// Closes calls still open (as running, up to the last time seen) and the JSON document.
  mutating func finish() {
    for (_, call) in open.sorted(by: { $0.key < $1.key }) {
      complete(call, end: lastTime, result: nil, running: true)
    }
    open.removeAll()
    bytes.append(contentsOf: "]}\n".utf8)
  }

  private mutating func time(_ timestamp: UInt64?) -> Double {
    let t = timestamp.map { Double($0) / 1000 } ?? Double(eventIndex)
    lastTime = Swift.max(lastTime, t)
    return t
  }

  private mutating func nameTrack(_ track: UInt64, _ name: String, sortIndex: UInt64) {
    beginEvent(#""name":"thread_name","ph":"M","tid":"#)
    bytes.appendDecimal(track)
    bytes.append(contentsOf: #","args":{"name":"#.utf8)
    bytes.appendJSON(name)
    bytes.append(contentsOf: "}}".utf8)
    if namedTracks.insert(track).inserted {
      beginEvent(#""name":"thread_sort_index","ph":"M","tid":"#)
      bytes.appendDecimal(track)
      bytes.append(contentsOf: #","args":{"sort_index":"#.utf8)
      bytes.appendDecimal(sortIndex)
      bytes.append(contentsOf: "}}".utf8)
    }
  }

  private mutating func complete(_ call: OpenCall, end: Double, result: String?, running: Bool) {
    let site = sites[call.site]
    let name = site?.name ?? "site \(call.site)"
    beginEvent(#""ph":"X","cat":"call","name":"#)
    bytes.appendJSON(name)
    bytes.append(contentsOf: #","tid":"#.utf8)
    bytes.appendDecimal(call.track)
    bytes.append(contentsOf: #","ts":"#.utf8)
    bytes.appendMicroseconds(call.start)
    bytes.append(contentsOf: #","dur":"#.utf8)
    bytes.appendMicroseconds(Swift.max(0, end - call.start))
    bytes.append(contentsOf: #","args":{"#.utf8)
    var fields = 0
    func field(_ key: String, _ value: String, into bytes: inout [UInt8]) {
      if fields > 0 { bytes.append(UInt8(ascii: ",")) }
      fields += 1
      bytes.appendJSON(key)
      bytes.append(UInt8(ascii: ":"))
      bytes.appendJSON(value)
    }
    if let args = call.args {
      for (i, value) in args.enumerated() {
        let label = site.flatMap { i < $0.labels.count ? $0.labels[i] : nil } ?? "_"
        field(label == "_" ? "arg\(i)" : label, value, into: &bytes)
      }
    }
    if let result { field("result", result, into: &bytes) }
    if let error = call.error {
      field("error", "\(error.type): \(error.description)", into: &bytes)
      field("disposition", error.disposition == .caught ? "caught" : "propagated", into: &bytes)
    }
    if running { field("state", "running at end of trace", into: &bytes) }
    bytes.append(contentsOf: "}}".utf8)
    if let error = call.error {
      beginEvent(#""ph":"i","s":"t","cat":"error","name":"#)
      bytes.appendJSON(
        error.disposition == .caught ? "caught \(error.type)" : "threw \(error.type)")
      bytes.append(contentsOf: #","tid":"#.utf8)
      bytes.appendDecimal(call.track)
      bytes.append(contentsOf: #","ts":"#.utf8)
      bytes.appendMicroseconds(end)
      bytes.append(contentsOf: #","args":{"function":"#.utf8)
      bytes.appendJSON(name)
      bytes.append(contentsOf: #","description":"#.utf8)
      bytes.appendJSON(error.description)
      bytes.append(contentsOf: "}}".utf8)
    }
  }

  /// Starts an event object with its separator and pid.
  private mutating func beginEvent(_ fields: String) {
    bytes.append(contentsOf: (first ? "\n{\"pid\":" : ",\n{\"pid\":").utf8)
    first = false
    bytes.append(contentsOf: String(pid).utf8)
    bytes.append(UInt8(ascii: ","))
    bytes.append(contentsOf: fields.utf8)
  }
}
