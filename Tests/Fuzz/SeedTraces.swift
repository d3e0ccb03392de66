// Writes the seed corpora: small real traces through the real encoders (binary and JSON Lines),
// covering every record kind, nesting, threads, tasks, errors, loss, Unicode and escapes.
// Built by build.sh as `seed-traces`; run `seed-traces DIR` to refresh DIR/{decoder,jsonl}.
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

@main
enum SeedTraces {
  static func main() throws {
    let dir = CommandLine.arguments.dropFirst().first ?? "corpus"
    for (name, events) in traces() {
      let header = TraceHeader(
        pid: 4242, program: "/usr/bin/seed", arguments: ["--n", "3", "ünï ✓"],
        startWallNanos: 1_764_230_400_123_456_789)
      var binary = TraceEncoder()
      binary.header(header)
      for event in events { try binary.encode(event) }
      // fuzz-decoder reads two split-point bytes before the trace.
      try write([0x30, 0x50] + binary.takeBytes(), to: "\(dir)/decoder/\(name).ftrace")
      var jsonl = JSONLinesEncoder()
      jsonl.header(header)
      for event in events { jsonl.encode(event) }
      try write(jsonl.takeBytes(), to: "\(dir)/jsonl/\(name).jsonl")
    }
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else { throw SeedError(path: path) }
    defer { fclose(file) }
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw SeedError(path: path) }
  }

  static func site(_ id: UInt32, _ name: String, _ labels: [String] = []) -> TraceEvent {
    .callSite(CallSite(id: id, qualifiedName: name, labels: labels, file: "Seed.swift", line: id))
  }

  static func call(
    _ id: UInt64, _ parent: UInt64?, site: UInt32, thread: UInt32 = 1, task: UInt64 = 0,
    at time: UInt64? = nil, args: [String]? = nil
  ) -> TraceEvent {
    var flags: CollectFlags = []
    if time != nil { flags.insert(.timing) }
    if args != nil { flags.insert(.args) }
    return .call(
      CallStart(
        id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
        timestamp: time, args: args))
  }

  static func ret(_ id: UInt64, at time: UInt64? = nil, _ result: String? = nil) -> TraceEvent {
    .return(CallEnd(id: id, timestamp: time, result: result))
  }

  static func traces() -> [(String, [TraceEvent])] {
    var fib: [TraceEvent] = [
      site(1, "main"), site(2, "fib", ["_"]), .thread(ThreadInfo(id: 1, name: "main")),
    ]
    fib.append(call(1, nil, site: 1, at: 10))
    var next: UInt64 = 2
    func recurse(_ n: Int, parent: UInt64, into events: inout [TraceEvent]) -> Int {
      let id = next
      next += 1
      events.append(call(id, parent, site: 2, at: id * 10, args: ["\(n)"]))
      let value =
        n < 2
        ? n : recurse(n - 1, parent: id, into: &events) + recurse(n - 2, parent: id, into: &events)
      events.append(ret(id, at: id * 10 + 5, "\(value)"))
      return value
    }
    _ = recurse(5, parent: 1, into: &fib)
    fib += [ret(1, at: 1_000), .end]

    let errors: [TraceEvent] = [
      site(1, "load", ["path"]), site(2, "Parser.parse", ["_"]),
      .thread(ThreadInfo(id: 1, name: "main")),
      call(1, nil, site: 1, args: ["\"/tmp/x\""]), call(2, 1, site: 2, args: ["[1, 2]"]),
      .error(
        CallError(
          id: 2, type: "ParseError", description: "ParseError.bad(3)", disposition: .propagated)),
      ret(2),
      .error(CallError(id: 1, type: "ParseError", description: "caught", disposition: .caught)),
      ret(1, at: nil, "nil"), .end,
    ]

    let concurrent: [TraceEvent] = [
      site(1, "work"), site(2, "step", ["i"]),
      .thread(ThreadInfo(id: 1, name: "main")), .thread(ThreadInfo(id: 2, name: "worker")),
      .task(TaskInfo(id: 7, parent: nil, name: "root")),
      .task(TaskInfo(id: 8, parent: 7, name: "child")),
      call(1, nil, site: 1, thread: 1, task: 7, at: 1),
      call(2, 1, site: 2, thread: 2, task: 8, at: 2, args: ["1"]),
      call(3, 1, site: 2, thread: 1, task: 7, at: 3, args: ["2"]),
      .loss(Loss(count: 17, thread: 2, parent: 2)), ret(3, at: 4), ret(2, at: 5), ret(1, at: 9),
      .loss(Loss(count: 1, thread: nil, parent: nil)),
    ]

    let hostile: [TraceEvent] = [
      site(1, "evil\u{1B}]52;c;aGk=\u{07}", ["\u{1B}[2J"]),
      .thread(ThreadInfo(id: 1, name: "\u{1B}]0;title\u{07}")),
      call(
        1, nil, site: 1,
        args: ["\u{1B}[H\u{1B}[31mred", "\u{202E}rtl", String(repeating: "é", count: 200)]),
      ret(1, at: nil, "\u{9B}31m\u{0}"), .end,
    ]
    return [
      ("fib", fib), ("errors", errors), ("concurrent-unfinished", concurrent), ("hostile", hostile),
    ]
  }
}

struct SeedError: Error {
  var path: String
}
