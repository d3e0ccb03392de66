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
    bytes.appendASCII("{\"type\":\"header\",\"version\":")
    bytes.appendDecimal(UInt64(h.version))
    bytes.appendASCII(",\"pid\":")
    bytes.appendDecimal(Int64(h.pid))
    bytes.appendASCII(",\"program\":")
    bytes.appendJSONString(h.program)
    bytes.appendASCII(",\"arguments\":")
    bytes.appendJSONStrings(h.arguments)
    bytes.appendASCII(",\"start_wall_ns\":")
    bytes.appendDecimal(h.startWallNanos)
    bytes.appendASCII(",\"clock\":\"")
    switch h.clock {
    case .monotonic: bytes.appendASCII("monotonic")
    case .monotonicCoarse: bytes.appendASCII("monotonic_coarse")
    case .cycleCounter: bytes.appendASCII("cycle_counter")
    }
    bytes.appendASCII("\",\"clock_resolution_ns\":")
    bytes.appendDecimal(UInt64(h.clockResolutionNanos))
    bytes.appendASCII("}\n")
  }

  /// Writes one event line.
  public mutating func encode(_ event: TraceEvent) {
    switch event {
    case .callSite(let s):
      bytes.appendASCII("{\"type\":\"site\",\"id\":")
      bytes.appendDecimal(UInt64(s.id))
      bytes.appendASCII(",\"name\":")
      bytes.appendJSONString(s.qualifiedName)
      bytes.appendASCII(",\"labels\":")
      bytes.appendJSONStrings(s.labels)
      bytes.appendASCII(",\"file\":")
      bytes.appendJSONString(s.file)
      bytes.appendASCII(",\"line\":")
      bytes.appendDecimal(UInt64(s.line))
    case .thread(let t):
      bytes.appendASCII("{\"type\":\"thread\",\"id\":")
      bytes.appendDecimal(UInt64(t.id))
      bytes.appendASCII(",\"name\":")
      bytes.appendJSONString(t.name)
    case .task(let t):
      bytes.appendASCII("{\"type\":\"task\",\"id\":")
      bytes.appendDecimal(t.id)
      if let parent = t.parent {
        bytes.appendASCII(",\"parent\":")
        bytes.appendDecimal(parent)
      }
      bytes.appendASCII(",\"name\":")
      bytes.appendJSONString(t.name)
    case .call(let c): encodeCall(c)
    case .return(let r):
      bytes.appendASCII("{\"type\":\"return\",\"id\":")
      bytes.appendDecimal(r.id)
      if let ts = r.timestamp {
        bytes.appendASCII(",\"ts\":")
        bytes.appendDecimal(ts)
      }
      if let result = r.result {
        bytes.appendASCII(",\"result\":")
        bytes.appendJSONString(result)
      }
    case .error(let e):
      bytes.appendASCII("{\"type\":\"error\",\"id\":")
      bytes.appendDecimal(e.id)
      bytes.appendASCII(",\"error_type\":")
      bytes.appendJSONString(e.type)
      bytes.appendASCII(",\"description\":")
      bytes.appendJSONString(e.description)
      bytes.appendASCII(
        e.disposition == .caught ? ",\"disposition\":\"caught\"" : ",\"disposition\":\"propagated\""
      )
    case .loss(let l):
      bytes.appendASCII("{\"type\":\"loss\",\"count\":")
      bytes.appendDecimal(l.count)
      if let thread = l.thread {
        bytes.appendASCII(",\"thread\":")
        bytes.appendDecimal(UInt64(thread))
      }
      if let parent = l.parent {
        bytes.appendASCII(",\"parent\":")
        bytes.appendDecimal(parent)
      }
    case .end:
      bytes.appendASCII("{\"type\":\"end\"")
    }
    bytes.appendASCII("}\n")
  }

  private mutating func encodeCall(_ c: CallStart) {
    bytes.appendASCII("{\"type\":\"call\",\"id\":")
    bytes.appendDecimal(c.id)
    if let parent = c.parent {
      bytes.appendASCII(",\"parent\":")
      bytes.appendDecimal(parent)
    }
    bytes.appendASCII(",\"site\":")
    bytes.appendDecimal(UInt64(c.site))
    bytes.appendASCII(",\"thread\":")
    bytes.appendDecimal(UInt64(c.thread))
    if c.task != 0 {
      bytes.appendASCII(",\"task\":")
      bytes.appendDecimal(c.task)
    }
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
    if let ts = c.timestamp {
      bytes.appendASCII(",\"ts\":")
      bytes.appendDecimal(ts)
    }
    if let args = c.args {
      bytes.appendASCII(",\"args\":")
      bytes.appendJSONStrings(args)
    }
  }
}
