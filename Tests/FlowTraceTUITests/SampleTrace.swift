import FlowTraceExplorer
import FlowTraceWire

@testable import FlowTraceTUI

/// A small trace with everything the explorer shows: recursion, an error thrown in
/// `validate`, propagated through `parse` and caught in `main`, an escape sequence and wide
/// characters in values, a second thread with an async task, and a loss marker.
enum SampleTrace {
  static let header = TraceHeader(
    pid: 4242, program: "/usr/bin/demo", arguments: ["--n", "3"], startWallNanos: 0)

  static var events: [TraceEvent] {
    let all: CollectFlags = [.args, .result, .timing]
    func call(
      _ id: UInt64, _ parent: UInt64?, _ site: UInt32, _ ts: UInt64, _ args: [String],
      thread: UInt32 = 1, task: UInt64 = 0
    ) -> TraceEvent {
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: task, flags: all,
          timestamp: ts, args: args))
    }
    func ret(_ id: UInt64, _ ts: UInt64, _ result: String?) -> TraceEvent {
      .return(CallEnd(id: id, timestamp: ts, result: result))
    }
    func err(_ id: UInt64, _ disposition: ErrorDisposition) -> TraceEvent {
      .error(
        CallError(
          id: id, type: "BadInput", description: "BadInput(value: -1)", disposition: disposition))
    }
    return [
      .callSite(
        CallSite(id: 1, qualifiedName: "main", labels: [], file: "App/main.swift", line: 1)),
      .callSite(
        CallSite(id: 2, qualifiedName: "fib", labels: ["_"], file: "App/Fib.swift", line: 3)),
      .callSite(
        CallSite(
          id: 3, qualifiedName: "Parser.parse", labels: ["text"], file: "App/Parser.swift",
          line: 10)),
      .callSite(
        CallSite(
          id: 4, qualifiedName: "Parser.validate", labels: ["_"], file: "App/Parser.swift",
          line: 30)),
      .callSite(
        CallSite(id: 5, qualifiedName: "greet", labels: ["name"], file: "App/Greet.swift", line: 7)),
      .thread(ThreadInfo(id: 1, name: "main")),
      .thread(ThreadInfo(id: 2, name: "worker")),
      .task(TaskInfo(id: 7, parent: nil, name: "fetch")),
      call(1, nil, 1, 0, []),
      call(2, 1, 2, 100, ["3"]),
      call(3, 2, 2, 200, ["2"]),
      call(4, 3, 2, 300, ["1"]), ret(4, 400, "1"),
      call(5, 3, 2, 500, ["0"]), ret(5, 600, "0"),
      ret(3, 700, "1"),
      call(6, 2, 2, 800, ["1"]), ret(6, 900, "1"),
      ret(2, 1000, "2"),
      call(7, 1, 3, 1100, ["\"a\u{1B}[31mb\u{07}\""]),
      call(8, 7, 4, 1200, ["-1"]), err(8, .propagated), ret(8, 51_200, nil),
      err(7, .propagated), ret(7, 52_000, nil),
      err(1, .caught),
      call(9, 1, 5, 60_000, ["\"日本語\""]), ret(9, 61_000, "\"こんにちは 日本語\""),
      ret(1, 2_000_000, nil),
      call(10, nil, 2, 5_000, ["1"], thread: 2, task: 7),
      .loss(Loss(count: 3, thread: 2, parent: 10)),
      ret(10, 5_500, "1"),
      .end,
    ]
  }

  static func document() -> TraceDocument {
    TraceDocument(source: "traces/sample.ftrace", header: header, events: events)
  }

  /// An explorer on the sample with the default theme (from the repository) in Unicode.
  static func app(theme: String = "default", ascii: Bool = false) throws -> ExplorerApp {
    let theme = try ThemeLoader.load(theme, directories: [themesDirectory])
    return ExplorerApp(document: document(), context: RenderContext(theme: theme, ascii: ascii))
  }

  /// The binary encoding of the sample.
  static func binary() throws -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(header)
    for event in events { try encoder.encode(event) }
    return encoder.takeBytes()
  }
}

extension ExplorerApp {
  /// Sends keys, then renders a frame of `rows`×`cols` and returns it.
  func screen(rows: Int, cols: Int, keys: [Key] = []) -> ScreenBuffer {
    let frame = ScreenBuffer(rows: rows, cols: cols)
    render(into: frame)  // lays out first, so paging knows the size
    for key in keys { handle(key) }
    frame.clear()
    render(into: frame)
    return frame
  }

  /// Types `text` as character keys.
  func type(_ text: String) {
    for c in text { handle(.char(c)) }
  }
}
