import FlowTraceWire
import Foundation

/// Traces the CLI tests write with the encoder.
enum CLITraces {
  static let header = TraceHeader(
    pid: 321, program: "/bin/calc", arguments: ["--x"], startWallNanos: 1_700_000_000_000_000_000)

  /// main → parse(text: "1+x") → token(_ "x") throws; parse catches; a task runs add(2, 3).
  static let events: [TraceEvent] = [
    .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "main.swift", line: 1)),
    .callSite(
      CallSite(id: 2, qualifiedName: "Parser.parse", labels: ["text"], file: "P.swift", line: 5)),
    .callSite(
      CallSite(id: 3, qualifiedName: "Parser.token", labels: ["_"], file: "P.swift", line: 9)),
    .callSite(CallSite(id: 4, qualifiedName: "add", labels: ["_", "y"], file: "A.swift", line: 2)),
    .thread(ThreadInfo(id: 1, name: "main")),
    .thread(ThreadInfo(id: 2, name: "pool-1")),
    .task(TaskInfo(id: 10, parent: nil, name: "adder")),
    .call(
      CallStart(
        id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 1_000,
        args: nil)),
    .call(
      CallStart(
        id: 2, parent: 1, site: 2, thread: 1, task: 0, flags: [.args, .result, .timing],
        timestamp: 2_000,
        args: ["\"1+x\""])),
    .call(
      CallStart(
        id: 3, parent: 2, site: 3, thread: 1, task: 0, flags: [.args, .timing], timestamp: 3_000,
        args: ["\"x\""])),
    .error(
      CallError(id: 3, type: "BadToken", description: "BadToken(\"x\")", disposition: .propagated)),
    .return(CallEnd(id: 3, timestamp: 5_500, result: nil)),
    .error(
      CallError(id: 2, type: "BadToken", description: "BadToken(\"x\")", disposition: .caught)),
    .return(CallEnd(id: 2, timestamp: 8_000, result: "nil")),
    .call(
      CallStart(
        id: 4, parent: 1, site: 4, thread: 2, task: 10, flags: [.args, .result, .timing],
        timestamp: 9_000,
        args: ["2", "3"])),
    .return(CallEnd(id: 4, timestamp: 9_750, result: "5")),
    .loss(Loss(count: 3, thread: 2, parent: 1)),
    .return(CallEnd(id: 1, timestamp: 20_000, result: nil)),
    .end,
  ]

  static func binary(_ events: [TraceEvent] = events) throws -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(header)
    for event in events { try encoder.encode(event) }
    return encoder.takeBytes()
  }

  static func jsonLines(_ events: [TraceEvent] = events) -> [UInt8] {
    var encoder = JSONLinesEncoder()
    encoder.header(header)
    for event in events { encoder.encode(event) }
    return encoder.takeBytes()
  }

  /// Writes `bytes` to `name` in `dir`; returns the path.
  static func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }
}
