import FlowTraceExplorer
import FlowTraceSystem
import FlowTraceTUI
import FlowTraceWire
import Foundation
import Synchronization

/// Live-mode benchmark: 1 and 4 programs stream pre-encoded traces as fast as the socket takes
/// them while the real live loop (`LiveRunner` over an in-memory terminal) ingests, draws and
/// handles a key every 20 ms. Baseline: decoding the same bytes into a tree from memory
/// (through the tree's visitor, as the live loop does).
enum LiveBench {
  static func run(calls defaultCalls: Int) {
    let calls =
      ProcessInfo.processInfo.environment["LIVE_BENCH_CALLS"].flatMap { Int($0) } ?? defaultCalls
    print("== live ingest (\(calls) calls per program, 2 events each)")
    let stream = makeStream(calls: calls, program: "bench-producer")
    let base = baseline(stream)
    print(
      "baseline: decode from memory into the tree  \(rate(base.events, base.seconds)) events/s")
    for producers in [1, 4] {
      let live = liveRun(stream: stream, producers: producers, calls: calls)
      let events = Double(live.events)
      let ratio = (events / live.seconds) / (Double(base.events) / base.seconds)
      print(
        "live, \(producers) producer\(producers == 1 ? "" : "s"): \(rate(live.events, live.seconds)) "
          + "events/s (\(String(format: "%.2f", ratio))x baseline), lost \(live.lost), "
          + "keys \(live.latencies.count): p50 \(ms(percentile(live.latencies, 0.5))) "
          + "p99 \(ms(percentile(live.latencies, 0.99))) max \(ms(live.latencies.max() ?? 0)), "
          + "frames \(live.frames) (\(String(format: "%.0f", Double(live.frames) / live.seconds))/s); "
          + "slowest: refresh \(ms(live.slowest.0)) draw \(ms(live.slowest.1)) "
          + "ingest \(ms(live.slowest.2)) (CPU \(ms(live.slowest.3)))"
      )
    }
  }

  /// A program's stream: `calls` calls in nested groups of 8 on one thread, each with an
  /// argument, a result and timestamps (what `@Trace` with defaults sends).
  static func makeStream(calls: Int, program: String) -> [UInt8] {
    var encoder = TraceEncoder(capacity: calls * 24)
    encoder.header(
      TraceHeader(pid: 1, program: program, arguments: [], startWallNanos: 0))
    let names = ["Parser.parse", "Lexer.next", "Token.init", "fib"]
    for (k, name) in names.enumerated() {
      try? encoder.encode(
        .callSite(
          CallSite(id: UInt32(k + 1), qualifiedName: name, labels: ["_"], file: "B.swift", line: 1))
      )
    }
    try? encoder.encode(.thread(ThreadInfo(id: 1, name: "main")))
    var id: UInt64 = 0
    var clock: UInt64 = 0
    var made = 0
    while made < calls {
      id += 1
      let outer = id
      clock += 40
      try? encoder.encode(
        .call(
          CallStart(
            id: outer, parent: nil, site: 1, thread: 1, task: 0, flags: [.args, .result, .timing],
            timestamp: clock, args: ["\(made)"])))
      made += 1
      for inner in 0..<7 where made < calls {
        id += 1
        clock += 40
        try? encoder.encode(
          .call(
            CallStart(
              id: id, parent: outer, site: UInt32(2 + inner % 3), thread: 1, task: 0,
              flags: [.args, .result, .timing], timestamp: clock, args: ["\(inner)"])))
        clock += 60
        try? encoder.encode(.return(CallEnd(id: id, timestamp: clock, result: "\(inner * 3)")))
        made += 1
      }
      clock += 40
      try? encoder.encode(.return(CallEnd(id: outer, timestamp: clock, result: "ok")))
    }
    encoder.end()
    return encoder.takeBytes()
  }

  /// The same bytes decoded from memory straight into the tree through its visitor (the
  /// path the live loop takes): what the socket, the loop and the frames cost is the rest.
  static func baseline(_ stream: [UInt8]) -> (events: Int, seconds: Double) {
    var tree = CallTree()
    var decoder = TraceDecoder(source: "baseline")
    let start = now()
    tree.withProgram(0) { tree in try? decoder.feed(stream, into: &tree) }
    let seconds = now() - start
    return (tree.callCount * 2, seconds)
  }

  struct LiveResult {
    var events: Int
    var seconds: Double
    var lost: UInt64
    var latencies: [Double]
    var frames: Int
    var slowest: (Double, Double, Double, Double)
  }

  static func liveRun(stream: [UInt8], producers: Int, calls: Int) -> LiveResult {
    let dir = NSTemporaryDirectory() + "ft-livebench-\(getpid())-\(producers)"
    mkdir(dir, 0o700)
    defer {
      unlink(dir + "/b.sock")
      rmdir(dir)
    }
    guard let listener = try? LiveListener(path: dir + "/b.sock") else {
      print("cannot listen in \(dir)")
      return LiveResult(
        events: 0, seconds: 1, lost: 0, latencies: [], frames: 0, slowest: (0, 0, 0, 0))
    }
    let session = LiveSession(listener: listener)
    let app = LiveApp(
      session: session, context: RenderContext(theme: Theme(name: "bench"), ascii: false))
    let keys = PipeKeys()
    let terminal = BenchTerminal(keys: keys)
    let runner = LiveRunner(app: app, terminal: terminal, inputFD: keys.readFD)
    let stop = StopFlag()
    let path = listener.path
    let start = now()
    for _ in 0..<producers {
      Thread.detachNewThread { sendAll(stream, to: path) }
    }
    Thread.detachNewThread {
      while !stop.value.load(ordering: .relaxed) {
        usleep(20_000)
        keys.press()
      }
    }
    let expected = calls * producers
    while app.explorer.document.tree.callCount < expected || session.hasBacklog {
      runner.step(maxWaitMs: 50)
      if now() - start > 120 { break }
    }
    let seconds = now() - start
    stop.value.store(true, ordering: .relaxed)
    runner.step(maxWaitMs: 0)
    let tree = app.explorer.document.tree
    let lost = (0..<tree.programCount).reduce(UInt64(0)) { $0 + tree.program($1).lost }
    session.shutdown()
    return LiveResult(
      events: tree.callCount * 2, seconds: seconds, lost: lost, latencies: terminal.latencies,
      frames: runner.framesDrawn,
      slowest: (
        Double(runner.slowest.refresh) / 1e9, Double(runner.slowest.draw) / 1e9,
        Double(runner.slowest.ingest) / 1e9, Double(runner.slowest.ingestCPU) / 1e9
      ))
  }

  /// One producer: connect and send the stream in 256 KB writes (blocking).
  static func sendAll(_ bytes: [UInt8], to path: String) {
    let fd = UnixSocket.connected(to: path)
    guard fd >= 0 else { return }
    var sent = 0
    bytes.withUnsafeBytes { raw in
      while sent < raw.count {
        let n = send(
          fd, raw.baseAddress! + sent, min(1 << 18, raw.count - sent), Int32(MSG_NOSIGNAL))
        if n <= 0 { break }
        sent += n
      }
    }
    close(fd)
  }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  static func rate(_ events: Int, _ seconds: Double) -> String {
    String(format: "%.2f M", Double(events) / max(seconds, 1e-9) / 1e6)
  }

  static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

  static func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
  }
}

final class StopFlag: Sendable {
  let value = Atomic<Bool>(false)
}

/// Keypresses written to a pipe by a timer thread, each carrying its send time.
final class PipeKeys: Sendable {
  let readFD: Int32
  let writeFD: Int32

  init() {
    var fds: [Int32] = [0, 0]
    pipe(&fds)
    readFD = fds[0]
    writeFD = fds[1]
    _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
  }

  func press() {
    var stamp = LiveBench.now()
    _ = write(writeFD, &stamp, 8)
  }
}

/// An in-memory terminal whose keys come from `PipeKeys`; a key's latency runs from its send
/// time to the end of the frame that shows its effect.
final class BenchTerminal: Terminal {
  let screen = ScreenBuffer(rows: 40, cols: 120)
  let keys: PipeKeys
  var latencies: [Double] = []
  var awaiting: [Double] = []

  init(keys: PipeKeys) { self.keys = keys }

  var size: TerminalSize { screen.size }
  var colorsEnabled: Bool { true }
  func write(_ text: String, row: Int, col: Int, style: TextStyle) {
    screen.write(text, row: row, col: col, style: style)
  }
  func clearAll() { screen.clearAll() }
  func flush() {
    let now = LiveBench.now()
    latencies += awaiting.map { now - $0 }
    awaiting.removeAll()
  }
  var inputEnded: Bool { false }

  func readKey(timeoutMs: Int) -> Key? {
    var stamp: Double = 0
    guard read(keys.readFD, &stamp, 8) == 8 else { return nil }
    awaiting.append(stamp)
    return .char("j")
  }
}
