/// Writes traces as JSON Lines (docs/FORMAT.md): one object per line, the header first.
public struct JSONLinesEncoder: Sendable {
  /// The encoded bytes not yet taken.
  public internal(set) var bytes: [UInt8] = []

  public init() {}

  /// Removes and returns the encoded bytes.
  public mutating func takeBytes() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  /// Writes the header line.
  public mutating func header(_ h: TraceHeader) {
    open("header")
    number(",\"version\":", UInt64(h.version))
    bytes.appendASCII(",\"pid\":")
    bytes.appendDecimal(Int64(h.pid))
    text(",\"program\":", h.program)
    texts(",\"arguments\":", h.arguments)
    bytes.appendASCII(",\"start_wall_ns\":")
    bytes.appendDecimal(h.startWallNanos)
    switch h.clock {
    case .monotonic: bytes.appendASCII(",\"clock\":\"monotonic\"")
    case .monotonicCoarse: bytes.appendASCII(",\"clock\":\"monotonic_coarse\"")
    case .cycleCounter: bytes.appendASCII(",\"clock\":\"cycle_counter\"")
    }
    number(",\"clock_resolution_ns\":", UInt64(h.clockResolutionNanos))
    bytes.appendASCII("}\n")
  }

  /// Writes one event line.
  public mutating func encode(_ event: TraceEvent) {
    switch event {
    case .callSite(let s):
      open("site", id: UInt64(s.id))
      text(",\"name\":", s.qualifiedName)
      texts(",\"labels\":", s.labels)
      text(",\"file\":", s.file)
      number(",\"line\":", UInt64(s.line))
    case .thread(let t):
      open("thread", id: UInt64(t.id))
      text(",\"name\":", t.name)
    case .task(let t):
      open("task", id: t.id)
      number(",\"parent\":", t.parent)
      text(",\"name\":", t.name)
    case .call(let c): encodeCall(c)
    case .return(let r):
      open("return", id: r.id)
      number(",\"ts\":", r.timestamp)
      text(",\"result\":", r.result)
    case .error(let e):
      open("error", id: e.id)
      text(",\"error_type\":", e.type)
      text(",\"description\":", e.description)
      bytes.appendASCII(
        e.disposition == .caught ? ",\"disposition\":\"caught\"" : ",\"disposition\":\"propagated\""
      )
    case .loss(let l):
      open("loss")
      number(",\"count\":", l.count)
      number(",\"thread\":", l.thread.map(UInt64.init))
      number(",\"parent\":", l.parent)
    case .end:
      open("end")
    }
    bytes.appendASCII("}\n")
  }

  private mutating func encodeCall(_ c: CallStart) {
    open("call", id: c.id)
    number(",\"parent\":", c.parent)
    number(",\"site\":", UInt64(c.site))
    number(",\"thread\":", UInt64(c.thread))
    number(",\"task\":", c.task == 0 ? nil : c.task)
    bytes.appendASCII(",\"collect\":[")
    var first = true
    for (flag, name) in [
      (CollectFlags.args, "\"args\""), (.result, "\"result\""), (.timing, "\"timing\""),
    ] where c.flags.contains(flag) {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      bytes.append(contentsOf: name.utf8)
    }
    bytes.append(UInt8(ascii: "]"))
    number(",\"ts\":", c.timestamp)
    if let args = c.args { texts(",\"args\":", args) }
  }

  /// `{"type":"TYPE"`, then `,"id":ID` when given.
  private mutating func open(_ type: StaticString, id: UInt64? = nil) {
    bytes.appendASCII("{\"type\":\"")
    bytes.appendASCII(type)
    bytes.append(UInt8(ascii: "\""))
    number(",\"id\":", id)
  }

  /// `,"key":123` (the prefix holds `,"key":`); nothing when the value is absent.
  private mutating func number(_ prefix: StaticString, _ value: UInt64?) {
    guard let value else { return }
    bytes.appendASCII(prefix)
    bytes.appendDecimal(value)
  }

  /// `,"key":"text"`, escaped; nothing when the text is absent.
  private mutating func text(_ prefix: StaticString, _ value: String?) {
    guard let value else { return }
    bytes.appendASCII(prefix)
    bytes.appendJSONString(value)
  }

  /// `,"key":["a","b"]`, escaped.
  private mutating func texts(_ prefix: StaticString, _ values: [String]) {
    bytes.appendASCII(prefix)
    bytes.appendJSONStrings(values)
  }
}
