/// The fields of one JSON Lines object, read in any order (unknown keys are skipped), then
/// checked against the schema of its `type`.
struct JSONLineFields {
  var type: String?
  var integers: [String: UInt64] = [:]
  var signedIntegers: [String: Int64] = [:]
  var strings: [String: String] = [:]
  var lists: [String: [String]] = [:]
  var nulls: Set<String> = []

  private static let unsignedKeys: Set<String> = [
    "id", "parent", "site", "thread", "task", "ts", "line", "count", "version",
    "clock_resolution_ns",
  ]
  private static let signedKeys: Set<String> = ["pid", "start_wall_ns"]
  private static let stringKeys: Set<String> = [
    "name", "file", "result", "error_type", "description", "disposition", "program", "clock",
  ]
  private static let listKeys: Set<String> = ["labels", "args", "collect", "arguments"]

  init(_ scanner: inout JSONScanner) throws(JSONFault) {
    var fields = self
    try scanner.object { (key, s) throws(JSONFault) in
      if key == "type" {
        fields.type = try s.string("type")
      } else if s.null() {
        fields.nulls.insert(key)
      } else if Self.unsignedKeys.contains(key) {
        fields.integers[key] = try s.unsigned(key)
      } else if Self.signedKeys.contains(key) {
        fields.signedIntegers[key] = try s.signed(key)
      } else if Self.stringKeys.contains(key) {
        fields.strings[key] = try s.string(key)
      } else if Self.listKeys.contains(key) {
        fields.lists[key] = try s.strings(key)
      } else {
        try s.skipValue()
      }
    }
    self = fields
  }

  private func required(_ key: String, _ at: Int) throws(JSONFault) -> UInt64 {
    guard let v = integers[key] else {
      throw JSONFault(position: at, message: "missing \"\(key)\"")
    }
    return v
  }

  private func required32(_ key: String, _ at: Int) throws(JSONFault) -> UInt32 {
    let v = try required(key, at)
    guard let small = UInt32(exactly: v) else {
      throw JSONFault(position: at, message: "\"\(key)\" exceeds 32 bits")
    }
    return small
  }

  private func text(_ key: String, _ at: Int) throws(JSONFault) -> String {
    guard let v = strings[key] else { throw JSONFault(position: at, message: "missing \"\(key)\"") }
    return v
  }

  /// A task's or loss's parent: 0 means none, as in the binary format (a call id is never 0).
  private func nonZero(_ value: UInt64?) -> UInt64? { value == 0 ? nil : value }

  private func optional32(_ key: String, _ at: Int) throws(JSONFault) -> UInt32? {
    guard integers[key] != nil else { return nil }
    return try required32(key, at)
  }

  /// The header this line describes.
  func header(at: Int) throws(JSONFault) -> TraceHeader {
    guard type == "header" else {
      throw JSONFault(position: at, message: "the first line must be the header")
    }
    let version = try required("version", at)
    guard version == UInt64(TraceHeader.currentVersion) else {
      throw JSONFault(position: at, message: "unsupported format version \(version)")
    }
    let clock: ClockKind
    switch strings["clock"] ?? "monotonic" {
    case "monotonic": clock = .monotonic
    case "monotonic_coarse": clock = .monotonicCoarse
    case "cycle_counter": clock = .cycleCounter
    case let other: throw JSONFault(position: at, message: "unknown clock \"\(other)\"")
    }
    guard let pid = Int32(exactly: signedIntegers["pid"] ?? 0) else {
      throw JSONFault(position: at, message: "\"pid\" exceeds 32 bits")
    }
    return TraceHeader(
      pid: pid, program: strings["program"] ?? "", arguments: lists["arguments"] ?? [],
      startWallNanos: signedIntegers["start_wall_ns"] ?? 0, clock: clock,
      clockResolutionNanos: try optional32("clock_resolution_ns", at) ?? 1)
  }

  /// The event this line describes.
  func event(at: Int) throws(JSONFault) -> TraceEvent {
    switch type {
    case "site":
      return .callSite(
        CallSite(
          id: try required32("id", at), qualifiedName: try text("name", at),
          labels: lists["labels"] ?? [], file: strings["file"] ?? "",
          line: try optional32("line", at) ?? 0))
    case "thread":
      return .thread(ThreadInfo(id: try required32("id", at), name: strings["name"] ?? ""))
    case "task":
      return .task(
        TaskInfo(
          id: try required("id", at), parent: nonZero(integers["parent"]),
          name: strings["name"] ?? ""))
    case "call":
      var flags = CollectFlags()
      for name in lists["collect"] ?? [] {
        switch name {
        case "args": flags.insert(.args)
        case "result": flags.insert(.result)
        case "timing": flags.insert(.timing)
        default: throw JSONFault(position: at, message: "unknown collect flag \"\(name)\"")
        }
      }
      return .call(
        CallStart(
          id: try required("id", at), parent: integers["parent"], site: try required32("site", at),
          thread: try required32("thread", at), task: integers["task"] ?? 0, flags: flags,
          timestamp: integers["ts"], args: lists["args"]))
    case "return":
      return .return(
        CallEnd(id: try required("id", at), timestamp: integers["ts"], result: strings["result"]))
    case "error":
      let disposition: ErrorDisposition
      switch strings["disposition"] ?? "propagated" {
      case "propagated": disposition = .propagated
      case "caught": disposition = .caught
      case let other: throw JSONFault(position: at, message: "unknown disposition \"\(other)\"")
      }
      return .error(
        CallError(
          id: try required("id", at), type: try text("error_type", at),
          description: strings["description"] ?? "", disposition: disposition))
    case "loss":
      return .loss(
        Loss(
          count: try required("count", at),
          thread: try optional32("thread", at).flatMap { $0 == 0 ? nil : $0 },
          parent: nonZero(integers["parent"])))
    case "end":
      return .end
    case "header":
      throw JSONFault(position: at, message: "a second header line")
    case nil:
      throw JSONFault(position: at, message: "missing \"type\"")
    case let other?:
      throw JSONFault(position: at, message: "unknown event type \"\(other)\"")
    }
  }
}
