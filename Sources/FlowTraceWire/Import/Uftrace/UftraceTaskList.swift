/// `task.txt` of a uftrace data directory: the sessions (`SESS`: a program started or exec'd,
/// with its pid, session id and executable), the threads (`TASK`: tid and pid), forks and
/// libraries loaded with `dlopen` (`DLOP`).
struct UftraceTaskList {
  struct Session {
    var pid: Int64
    var sid: String
    var exename: String
    var time: UInt64
  }

  struct Library {
    var sid: String
    var base: UInt64
    var name: String
  }

  var sessions: [Session] = []
  /// The pid of each tid.
  var pids: [Int64: Int64] = [:]
  /// The parent pid of each forked pid.
  var parents: [Int64: Int64] = [:]
  var libraries: [Library] = []

  init(_ text: String, source: String) throws(TraceFormatError) {
    var offset = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      defer { offset += line.utf8.count + 1 }
      let fields = Self.fields(line)
      func number(_ key: String) throws(TraceFormatError) -> Int64 {
        guard let text = fields[key], let value = Int64(text) else {
          throw TraceFormatError(
            source: source, offset: offset, message: "a \(line.prefix(4)) line without \(key)=")
        }
        return value
      }
      switch line.prefix(5) {
      case "SESS ":
        sessions.append(
          Session(
            pid: try number("pid"), sid: fields["sid"] ?? "", exename: fields["exename"] ?? "",
            time: Self.nanos(fields["timestamp"])))
      case "TASK ": pids[try number("tid")] = try number("pid")
      case "FORK ": parents[try number("pid")] = try number("ppid")
      case "DLOP ":
        let base = fields["base"].flatMap { UInt64($0, radix: 16) } ?? 0
        libraries.append(
          Library(sid: fields["sid"] ?? "", base: base, name: fields["libname"] ?? ""))
      default: break
      }
    }
  }

  /// The session a thread of `pid` runs in at `time`: the latest one started by its process
  /// (or by the process it was forked from) before then.
  func session(pid: Int64, at time: UInt64) -> Session? {
    var pid: Int64? = pid
    var seen = 0
    while let p = pid, seen < 64 {
      let mine = sessions.filter { $0.pid == p }
      if let found = mine.last(where: { $0.time <= time }) ?? mine.first { return found }
      pid = parents[p]
      seen += 1
    }
    return sessions.first
  }

  /// `KEY=value` fields of a line; quoted values lose their quotes.
  static func fields(_ line: Substring) -> [String: String] {
    var fields: [String: String] = [:]
    var rest = line.drop { $0 != " " }
    while let equal = rest.firstIndex(of: "=") {
      let key = String(rest[..<equal].drop { $0 == " " })
      var value = rest[rest.index(after: equal)...]
      if value.first == "\"" {
        value = value.dropFirst()
        let close = value.firstIndex(of: "\"") ?? value.endIndex
        fields[key] = String(value[..<close])
        rest = value[close...].dropFirst()
      } else {
        let end = value.firstIndex(of: " ") ?? value.endIndex
        fields[key] = String(value[..<end])
        rest = value[end...]
      }
    }
    return fields
  }

  /// `355.829977997` (seconds.nanoseconds) in ns.
  static func nanos(_ text: String?) -> UInt64 {
    guard let text else { return 0 }
    let parts = text.split(separator: ".")
    let seconds = UInt64(parts.first ?? "") ?? 0
    let fraction = parts.count > 1 ? UInt64(parts[1].prefix(9).padding(9)) ?? 0 : 0
    return seconds * 1_000_000_000 + fraction
  }
}

extension Substring {
  fileprivate func padding(_ count: Int) -> String {
    String(self) + String(repeating: "0", count: Swift.max(0, count - self.count))
  }
}
