import FlowTraceTUI
import FlowTraceWire
import Foundation

/// `flowtrace-bench tui-memory`: the explorer's memory beyond the file, measured as issue #11
/// states it: the whole process's peak RSS (`VmHWM`) minus the trace file's size, per call.
/// A binary trace of `FLOWTRACE_TUI_MEMORY_CALLS` calls (default 4.4 M; the explorer suite's
/// workload, 4 threads) is written once; each run is a fresh child process (peak RSS is per
/// process) that opens it as `flowtrace-tui FILE` does, reads it to the end and draws a
/// screen. Median of 3 runs, best and worst beside it.
func runTUIMemoryBench() {
  let environment = ProcessInfo.processInfo.environment
  let calls = environment["FLOWTRACE_TUI_MEMORY_CALLS"].flatMap { Int($0) } ?? 4_400_000
  let threads = environment["FLOWTRACE_BENCH_THREADS"].flatMap { Int($0) } ?? 4
  let path = FileManager.default.temporaryDirectory.appendingPathComponent(
    "flowtrace-tui-memory-\(getpid()).ftrace"
  ).path
  defer { try? FileManager.default.removeItem(atPath: path) }
  var encoder = TraceEncoder(capacity: calls * 24)
  encoder.header(TraceHeader(pid: 1, program: "bench", arguments: [], startWallNanos: 0))
  ExplorerWorkload(calls: calls, threads: threads).generate { try? encoder.encode($0) }
  let bytes = encoder.takeBytes()
  guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
    print("tui-memory: cannot write \(path)")
    return
  }
  let fileSize = bytes.count
  print("tui-memory: \(calls) calls on \(threads) threads, file \(fileSize) bytes")
  var perCall: [Double] = []
  var baselines: [Double] = []
  for _ in 0..<3 {
    guard let run = tuiMemoryChild(path) else {
      print("tui-memory: the child run failed")
      return
    }
    print(
      "  run: peak \(run.peak / 1_048_576) MiB, before loading \(run.before / 1_048_576) MiB, \(run.calls) calls"
    )
    perCall.append(Double(run.peak - fileSize) / Double(run.calls))
    baselines.append(Double(run.before))
  }
  let spread = Spread(samples: perCall)
  print("  (peak RSS - file size) / calls: \(spread.text()) bytes/call (target <= 32)")
  print(
    "  of which the process before loading: \(Spread(samples: baselines).text(per: Double(calls))) bytes/call"
  )
}

/// Runs one child and parses its line `peak=… before=… calls=…`.
private func tuiMemoryChild(_ path: String) -> (peak: Int, before: Int, calls: Int)? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
  process.arguments = ["--tui-memory-child", path]
  let output = Pipe()
  process.standardOutput = output
  guard (try? process.run()) != nil else { return nil }
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  var values: [String: Int] = [:]
  for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
    let parts = field.split(separator: "=")
    if parts.count == 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
  }
  guard let peak = values["peak"], let before = values["before"], let calls = values["calls"]
  else { return nil }
  return (peak, before, calls)
}

/// The child: opens `path` as flowtrace-tui does (first slices, first screen, the rest), then
/// prints its peak RSS, its RSS before loading and the calls loaded.
func runTUIMemoryChild(_ path: String) {
  let before = procStatusBytes("VmRSS")
  guard
    case .success(let app) = Launcher.prepare(LaunchOptions(path: path), utf8Locale: true)
  else {
    print("failed")
    return
  }
  let frame = ScreenBuffer(rows: 40, cols: 120)
  app.render(into: frame)
  app.finishLoading()
  app.render(into: frame)
  print(
    "peak=\(procStatusBytes("VmHWM")) before=\(before) calls=\(app.document.tree.callCount)")
  if ProcessInfo.processInfo.environment["FLOWTRACE_TUI_MEMORY_DETAIL"] != nil {
    printFootprint(app)
  }
}

/// Where the bytes go, per call (to stderr, which the parent passes through): the tree's
/// columns and tables, and the outline.
private func printFootprint(_ app: ExplorerApp) {
  let calls = Double(max(1, app.document.tree.callCount))
  func line(_ name: String, _ bytes: Int) {
    let perCall = (Double(bytes) / calls * 100).rounded() / 100
    FileHandle.standardError.write(Data("    \(name): \(bytes) bytes, \(perCall)/call\n".utf8))
  }
  var columns = 0
  for (name, bytes) in app.document.tree.columnFootprint {
    line(name, bytes)
    columns += bytes
  }
  line("tree total", columns)
  let outline = app.outline.footprint
  line("outline rows", outline.rows)
  line("outline folds", outline.folds)
  line("outline anchors", outline.anchors)
  line("resident now", procStatusBytes("VmRSS"))
}

/// A `kB` field of /proc/self/status, in bytes.
private func procStatusBytes(_ field: String) -> Int {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return 0
  }
  for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
    let number = line.dropFirst(field.count + 1).filter(\.isNumber)
    return (Int(number) ?? 0) * 1024
  }
  return 0
}
