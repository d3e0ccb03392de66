import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Encoded trace streams for the live tests: what a traced program would send.
enum LiveStreams {
  /// A header for a program called `name`.
  static func header(_ name: String, pid: Int32 = 4242) -> TraceHeader {
    TraceHeader(pid: pid, program: "/usr/bin/\(name)", arguments: [name], startWallNanos: 1_000)
  }

  /// Events of `fib(n)` on thread 1: one call per invocation, with argument and result.
  static func fibEvents(_ n: Int, firstID: UInt64 = 1) -> [TraceEvent] {
    var events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "fib", labels: ["_"], file: "Demo.swift", line: 3)),
      .thread(ThreadInfo(id: 1, name: "main")),
    ]
    var next = firstID
    var clock: UInt64 = 10
    func fib(_ k: Int, parent: UInt64?) -> Int {
      let id = next
      next += 1
      clock += 5
      events.append(
        .call(
          CallStart(
            id: id, parent: parent, site: 1, thread: 1, task: 0, flags: [.args, .result, .timing],
            timestamp: clock, args: ["\(k)"])))
      let value = k < 2 ? k : fib(k - 1, parent: id) + fib(k - 2, parent: id)
      clock += 5
      events.append(.return(CallEnd(id: id, timestamp: clock, result: "\(value)")))
      return value
    }
    _ = fib(n, parent: nil)
    return events
  }

  /// Number of calls `fib(n)` makes.
  static func fibCalls(_ n: Int) -> Int { n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2) }

  /// The binary stream of `header` followed by `events`.
  static func encode(_ header: TraceHeader, _ events: [TraceEvent]) -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(header)
    for event in events { try? encoder.encode(event) }
    return encoder.takeBytes()
  }
}
