/// One event of a Chrome trace (the Trace Event Format's JSON), with what the importer uses:
/// phase, name, time and duration in ns, process and thread, arguments and result.
public struct ChromeEvent: Sendable, Equatable {
  /// `X` complete, `B` begin, `E` end, `i`/`I` instant, `M` metadata; others are skipped.
  public var phase: UInt8 = 0
  public var name = ""
  /// Start, ns (the format's µs times are read exactly to the ns).
  public var ts: Int64?
  /// Duration, ns (`X` events).
  public var dur: Int64?
  public var pid: Int64 = 0
  public var tid: Int64 = 0
  /// Arguments in order, with their labels: viztracer's `func_args` entries, or every other
  /// key of `args`.
  public var arguments: [(label: String, value: String)] = []
  /// The result: `args.return_value` (viztracer) or `args.retval` (uftrace).
  public var result: String?
  /// Byte offset of the event's `{` in the file.
  public var offset = 0
  /// The name's id in the reader's name table, -1 when it has none.
  var nameID: Int32 = -1

  public init() {}

  public static func == (a: ChromeEvent, b: ChromeEvent) -> Bool {
    a.phase == b.phase && a.name == b.name && a.ts == b.ts && a.dur == b.dur && a.pid == b.pid
      && a.tid == b.tid && a.result == b.result && a.offset == b.offset
      && a.arguments.map(\.label) == b.arguments.map(\.label)
      && a.arguments.map(\.value) == b.arguments.map(\.value)
  }
}

extension ChromeScanner {
  /// Reads one event object.
  mutating func event() throws(Fault) -> ChromeEvent {
    var event = ChromeEvent()
    try self.event(into: &event)
    return event
  }

  /// Reads one event object into `event` (cleared first; its argument list keeps its
  /// storage, so a reader that reuses one event allocates none per event).
  mutating func event(into event: inout ChromeEvent) throws(Fault) {
    event.phase = 0
    event.name = ""
    event.nameID = -1
    event.ts = nil
    event.dur = nil
    event.pid = 0
    event.tid = 0
    event.arguments.removeAll(keepingCapacity: true)
    event.result = nil
    guard try openObject("an event object") else { return }
    while true {
      let (key, _) = try rawString()
      try expect(UInt8(ascii: ":"), ":")
      // By length first: most keys are told apart without comparing their bytes.
      switch key.count {
      case 2 where equals(key, "ph"):
        let (value, _) = try rawString()
        guard value.count == 1 else { throw bad("unknown phase") }
        event.phase = bytes[value.lowerBound]
      case 2 where equals(key, "ts"): event.ts = try micros()
      case 3 where equals(key, "dur"): event.dur = try micros()
      case 3 where equals(key, "pid"): event.pid = try identifier()
      case 3 where equals(key, "tid"): event.tid = try identifier()
      case 4 where equals(key, "name"): try name(into: &event)
      case 4 where equals(key, "args"): try arguments(into: &event)
      default: try skipValue()
      }
      if try closesObject("an event") { return }
    }
  }

  /// Reads the name, through the name table when the scanner has one.
  mutating func name(into event: inout ChromeEvent) throws(Fault) {
    guard let names else {
      event.name = try string()
      return
    }
    let (range, escaped) = try rawString()
    let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
    event.nameID = -1
    if escaped {
      event.name = String(decoding: try Self.unescape(raw, at: range.lowerBound), as: UTF8.self)
    } else if let (id, text) = names.name(raw) {
      event.name = text
      event.nameID = id
    } else {
      event.name = String(decoding: raw, as: UTF8.self)
    }
  }

  /// Reads `args`: `func_args` entries and other keys become arguments, `return_value` or
  /// `retval` the result.
  mutating func arguments(into event: inout ChromeEvent) throws(Fault) {
    guard try peek() == UInt8(ascii: "{") else {
      try skipValue()
      return
    }
    try object { (key, s) throws(Fault) in
      if s.equals(key, "func_args"), try s.peek() == UInt8(ascii: "{") {
        try s.object { (inner, s) throws(Fault) in
          event.arguments.append((s.keyText(inner), try s.valueText()))
        }
      } else if s.equals(key, "return_value") || s.equals(key, "retval") {
        event.result = try s.valueText()
      } else if s.equals(key, "arguments"), try s.peek() == UInt8(ascii: "\"") {
        // uftrace: one string `(4, "a")`, the call's argument list as uftrace prints it.
        let text = try s.valueText()
        for value in ChromeArgumentList.split(text) { event.arguments.append(("_", value)) }
      } else {
        event.arguments.append((s.keyText(key), try s.valueText()))
      }
    }
  }

  /// Walks an object, calling `field` with each key's raw range; `field` reads the value.
  mutating func object(_ field: (Range<Int>, inout ChromeScanner) throws(Fault) -> Void)
    throws(Fault)
  {
    guard try openObject("an object") else { return }
    while true {
      let (key, _) = try rawString()
      try expect(UInt8(ascii: ":"), ":")
      try field(key, &self)
      if try closesObject("an object") { return }
    }
  }

  /// A key's text (escapes in keys are rare: read them through `unescape`).
  func keyText(_ range: Range<Int>) -> String {
    let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
    if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
    let resolved = (try? Self.unescape(raw, at: range.lowerBound)) ?? Array(raw)
    return String(decoding: resolved, as: UTF8.self)
  }
}

extension ChromeScanner {
  /// Reads an object's `{`: false when the object is empty (its `}` read too).
  @inline(__always)
  mutating func openObject(_ what: String) throws(Fault) -> Bool {
    try expect(UInt8(ascii: "{"), what)
    guard try peek() == UInt8(ascii: "}") else { return true }
    position += 1
    return false
  }

  /// Reads what follows a member: true at the object's `}`, false at `,` (another member).
  @inline(__always)
  mutating func closesObject(_ what: String) throws(Fault) -> Bool {
    let next = try peek()
    position += 1
    if next == UInt8(ascii: "}") { return true }
    guard next == UInt8(ascii: ",") else {
      position -= 1
      throw bad("expected , or } in " + what)
    }
    return false
  }
}
