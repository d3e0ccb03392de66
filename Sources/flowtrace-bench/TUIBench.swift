import FlowTraceExplorer
import FlowTraceTUI
import FlowTraceWire
import Foundation

/// `flowtrace-bench tui`: the TUI suite (`FLOWTRACE_TUI_CALLS` calls, default 5 M).
func runTUIBench() {
  let calls = ProcessInfo.processInfo.environment["FLOWTRACE_TUI_CALLS"].flatMap { Int($0) }
  do {
    try TUIBench.run(calls: calls ?? 5_000_000)
  } catch {
    print("tui: \(error)")
  }
}

/// Opens a generated trace as flowtrace-tui does and times the first screen and a frame after
/// each key, against a baseline measured in the same run (reading every byte of the file).
enum TUIBench {
  static func run(calls: Int) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowtrace-tui-bench-\(getpid()).ftrace"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let made = try generate(calls: calls, to: path)
    print("tui: trace of \(made) calls, \(fileSize(path) / 1_048_576) MiB")

    let baseline = time {
      guard let file = try? TraceFile.open(path) else { return }
      var sum: UInt64 = 0
      for byte in file.bytes { sum &+= UInt64(byte) }
      if sum == 42 { print("") }
    }
    print("baseline  read every byte of the file: \(ms(baseline)) ms")

    var events = 0
    let decodeOnly = time {
      guard let file = try? TraceFile.open(path) else { return }
      _ = try? file.forEachEvent { _ in events += 1 }
    }
    print("decode only (TraceEvent path): \(ms(decodeOnly)) ms for \(events) events")
    let build = time {
      guard let file = try? TraceFile.open(path) else { return }
      var tree = CallTree()
      _ = try? file.forEachEvent { tree.append($0) }
      if tree.count == 0 { print("") }
    }
    print("decode + CallTree.append (TraceEvent path): \(ms(build)) ms")
    // The reference for a streaming load: the whole file decoded into the tree in one pass
    // through the visitor, with the calls' room reserved.
    var onePassAnon = 0
    let onePass = time {
      guard let file = try? TraceFile.open(path) else { return }
      let before = Memory.now()
      var tree = CallTree()
      tree.reserveCapacity(calls: made + 16)
      _ = try? file.decodeBinary(into: &tree)
      onePassAnon = Memory.now().anonymous - before.anonymous
      if tree.count == 0 { print("") }
    }
    print(
      "one pass (decodeBinary into CallTree): \(ms(onePass)) ms, \(onePassAnon / made) bytes/call")

    let memoryBefore = Memory.now()
    var app: ExplorerApp?
    let terminal = ScreenBuffer(rows: 40, cols: 120)
    let presenter = Presenter()
    let open = time {
      guard
        case .success(let explorer) = Launcher.prepare(
          LaunchOptions(path: path), utf8Locale: true)
      else { return }
      let frame = ScreenBuffer(rows: 40, cols: 120)
      explorer.render(into: frame)
      presenter.present(frame, to: terminal)
      app = explorer
    }
    guard let app else { throw CocoaError(.fileReadCorruptFile) }
    print(
      "open + first screen (rest streams in): \(ms(open)) ms (\(ratio(open, baseline)) x baseline)")
    let rest = time { app.finishLoading() }
    let memory = Memory.now()
    print("rest of the file into the tree: \(ms(rest)) ms; calls \(app.document.tree.callCount)")
    print(
      "whole streaming load (open + rest): \(ms(open + rest)) ms (\(ratio(open + rest, onePass)) x one pass)"
    )
    let anonymous = memory.anonymous - memoryBefore.anonymous
    let mapped = memory.fileBacked - memoryBefore.fileBacked
    print(
      "resident growth: \(anonymous / made) bytes per call beyond the mapped file (+ \(mapped / made) of the file's pages; columns \(CallTree.bytesPerNode), strings \(app.document.tree.footprint.strings / made))"
    )

    let steps: [(String, [Key])] = [
      ("j", [.char("j")]), ("PgDn", [.pageDown]), ("G (last row)", [.char("G")]),
      ("g (first row)", [.char("g")]), ("C collapse all", [.char("C")]),
      ("E expand all", [.char("E")]), ("5 expand to depth 5", [.char("5")]),
      ("x next error", [.char("x")]), ("x next error", [.char("x")]),
      ("X previous error (wraps)", [.char("g"), .char("X")]),
      ("search fib(7)", Array("/fib(7)".map(Key.char)) + [.enter]),
      ("n next match", [.char("n")]), ("filter >2us", Array("\\>2us".map(Key.char)) + [.enter]),
      ("clear filter", [.char("\\"), .ctrl("u"), .enter]), ("] detail tab", [.char("]")]),
      ("? help", [.char("?")]), ("q close help", [.char("q")]),
    ]
    for (label, keys) in steps {
      let t = time {
        for key in keys { app.handle(key) }
        let frame = ScreenBuffer(rows: 40, cols: 120)
        app.render(into: frame)
        presenter.present(frame, to: terminal)
      }
      print("key \(label): \(ms(t)) ms")
    }
  }

  /// Roots of fib(20) under a main call until `calls` calls exist; returns the count.
  static func generate(calls: Int, to path: String) throws -> Int {
    var encoder = TraceEncoder(capacity: 1 << 24)
    encoder.header(
      TraceHeader(pid: 1, program: "bench", arguments: [], startWallNanos: 0))
    encoder.callSite(
      CallSite(id: 1, qualifiedName: "main", labels: [], file: "main.swift", line: 1))
    encoder.callSite(
      CallSite(id: 2, qualifiedName: "fib", labels: ["_"], file: "fib.swift", line: 1))
    encoder.thread(id: 1, name: "main")
    guard
      let out = FileHandle(forWritingAtPath: path)
        ?? {
          FileManager.default.createFile(atPath: path, contents: nil)
          return FileHandle(forWritingAtPath: path)
        }()
    else { throw CocoaError(.fileWriteUnknown) }
    defer { try? out.close() }
    let flags: CollectFlags = [.args, .result, .timing]
    var id: UInt64 = 0
    var clock: UInt64 = 0
    // One root in 64 has an error: its first leaf throws, the root catches.
    var roots = 0
    var failing = false
    func fib(_ n: Int, parent: UInt64) throws -> Int {
      id += 1
      let me = id
      clock += 7
      try encoder.call(
        id: me, parent: parent, site: 2, thread: 1, task: 0, flags: flags, timestamp: clock,
        args: [String(n)])
      let value = n < 2 ? n : try fib(n - 1, parent: me) + fib(n - 2, parent: me)
      clock += 5
      if failing && n < 2 {
        failing = false
        try encoder.error(
          id: me, type: "BenchError", description: "BenchError.leaf", disposition: .propagated)
        try encoder.return(id: me, timestamp: clock, result: nil)
        return value
      }
      if parent == 1 && roots % 64 == 63 {
        try encoder.error(
          id: me, type: "BenchError", description: "BenchError.leaf", disposition: .caught)
      }
      try encoder.return(id: me, timestamp: clock, result: String(value))
      if encoder.bytes.count > 1 << 23 { out.write(Data(encoder.takeBytes())) }
      return value
    }
    id = 1
    try encoder.call(
      id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: flags, timestamp: 0, args: [])
    while id < UInt64(calls) {
      failing = roots % 64 == 63
      _ = try fib(20, parent: 1)
      roots += 1
    }
    try encoder.return(id: 1, timestamp: clock + 1, result: nil)
    encoder.end()
    out.write(Data(encoder.takeBytes()))
    return Int(id)
  }

  static func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  static func ms(_ value: Double) -> String { String(format: "%.1f", value) }
  static func ratio(_ a: Double, _ b: Double) -> String {
    String(format: "%.1f", a / max(b, 0.001))
  }

  static func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
  }

}

/// Resident memory from /proc/self/statm: anonymous pages (the heap: what the explorer
/// allocates) apart from file-backed ones (the mapped trace's pages read so far).
struct Memory {
  var anonymous = 0
  var fileBacked = 0

  static func now() -> Memory {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return Memory()
    }
    let fields = text.split(separator: " ").map { Int($0) ?? 0 }
    guard fields.count > 2 else { return Memory() }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    return Memory(anonymous: (fields[1] - fields[2]) * page, fileBacked: fields[2] * page)
  }
}
