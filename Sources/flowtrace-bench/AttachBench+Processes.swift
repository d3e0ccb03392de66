@_spi(Benchmarks) import FlowTrace
import FlowTraceSystem
import Foundation

// The attach suite's process comparison: the same traced program (tracing off) started with
// the attach socket offered (the default) and with `FLOWTRACE_ATTACH=0`, alternately, each
// timing its own workload: what offering attaching costs, with nothing else different.

/// The hidden child mode: `flowtrace-bench --attach-child fib|work` prints
/// `offered=0|1 ns=MEDIAN` for 11 runs of the workload after a warm-up run.
func runAttachChild(_ workload: String) {
  FlowTrace.config(autoPrint: false)
  let socket = AttachDirectory.socketPath(AttachDirectory.current(), pid: getpid())
  var info = stat()
  let offered = lstat(socket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
  var sink = 0
  let input = WorkInput()
  let pass = {
    if workload == "fib" {
      sink &+= tracedFib(30)
    } else {
      for _ in 0..<1_000 { sink &+= workRound(TracedWork.self, input) }
    }
  }
  // A warm-up pass first (page faults, the CPU's clock ramping up), then the median of 11:
  // a fib(30) pass is a few milliseconds, so a cold first pass would weigh in the figure.
  pass()
  let spread = measure(runs: 11, pass).0
  print("offered=\(offered ? 1 : 0) ns=\(Int(spread.median)) sink=\(sink & 1)")
}

/// Runs `pairs` pairs of children (offered, opted out), alternating: the per-pair ratio of
/// their medians, and whether every child saw the socket it should have.
func attachProcessRatio(_ workload: String, pairs: Int) -> (ratio: Spread, checked: Bool) {
  let runtime = "/tmp/flowtrace-bench-attach-\(getpid())"
  mkdir(runtime, 0o700)
  defer { try? FileManager.default.removeItem(atPath: runtime) }
  var ratios: [Double] = []
  var checked = true
  for _ in 0..<pairs {
    guard let offered = attachChild(workload, optOut: false, runtime: runtime),
      let optedOut = attachChild(workload, optOut: true, runtime: runtime)
    else { return (Spread(samples: [0]), false) }
    checked = checked && offered.offered && !optedOut.offered
    ratios.append(offered.ns / optedOut.ns)
  }
  return (Spread(samples: ratios), checked)
}

private func attachChild(
  _ workload: String, optOut: Bool, runtime: String
) -> (offered: Bool, ns: Double)? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
  process.arguments = ["--attach-child", workload]
  var environment = ProcessInfo.processInfo.environment
  environment["XDG_RUNTIME_DIR"] = runtime
  environment["FLOWTRACE_ATTACH"] = optOut ? "0" : nil
  process.environment = environment
  let output = Pipe()
  process.standardOutput = output
  guard (try? process.run()) != nil else { return nil }
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  var offered = false
  var ns = 0.0
  for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
    if field.hasPrefix("offered=") { offered = field.hasSuffix("=1") }
    if field.hasPrefix("ns="), let value = Double(field.dropFirst(3)) { ns = value }
  }
  return ns > 0 ? (offered, ns) : nil
}
