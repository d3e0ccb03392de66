// flowtrace-bench: benchmark suites, each in its own file. Build with `-c release`.
//
//   swift run -c release flowtrace-bench [suite…]     (no suite: runtime)

import Glibc

/// A benchmark suite: a name and a function that prints its report.
struct BenchSuite {
  let name: String
  let summary: String
  let run: () -> Void
}

let suites: [BenchSuite] = [
  BenchSuite(
    name: "runtime", summary: "fib(30): tracing off, session, timing, Int args",
    run: runRuntimeBench),
  BenchSuite(
    name: "tracing", summary: "FlowTraceTracing: per span (tee) and per traced call (calls out)",
    run: runTracingBench),
  BenchSuite(
    name: "record", summary: "fib(30) recorded to a file and streamed to a socket",
    run: runRecordBench),
  BenchSuite(
    name: "decode", summary: "decode a generated 10 M event file (WireBench)",
    run: { WireBench.decode() }),
  BenchSuite(
    name: "print", summary: "tree text lines/s from a generated trace (WireBench)",
    run: { WireBench.printTree() }),
  BenchSuite(
    name: "explorer", summary: "5 M calls: build, open, fold, search, filter, stats",
    run: runExplorerBench),
  BenchSuite(
    name: "tui", summary: "explorer: open 5 M calls + first screen, a frame after each key",
    run: runTUIBench),
  BenchSuite(
    name: "tui-memory",
    summary: "flowtrace-tui's peak RSS minus the file, per call (4.4 M calls, 3 child processes)",
    run: runTUIMemoryBench),
  BenchSuite(name: "diff", summary: "flowtrace diff of two 5 M-call traces", run: DiffBench.run),
  BenchSuite(
    name: "live", summary: "live ingest from 1 and 4 socket producers, key latency meanwhile",
    run: { LiveBench.run(calls: 2_000_000) }),
  BenchSuite(
    name: "values", summary: "rich argument values: per value of a mix, a real-shape workload",
    run: runValuesBench),
  BenchSuite(
    name: "values-work", summary: "the values suite's real-shape workload alone",
    run: runValuesWorkBenchAlone),
  BenchSuite(
    name: "attach", summary: "a program nobody attaches to vs plain (fib, values workload)",
    run: runAttachBench),
  BenchSuite(
    name: "import",
    summary:
      "2 M events: a viztracer-shaped Chrome trace (parse; whole import), a uftrace.data dir (import)",
    run: {
      let count = getenv("FLOWTRACE_BENCH_EVENTS").flatMap { Int(String(cString: $0)) }
      ImportBench.run(events: count ?? 2_000_000)
    }),
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.first == "--attach-child", requested.count == 2 {
  runAttachChild(requested[1])  // the attach suite's child process
} else if requested.first == "--tui-memory-child", requested.count == 2 {
  runTUIMemoryChild(requested[1])  // the tui-memory suite's child process
} else if requested.contains("-h") || requested.contains("--help") {
  print("usage: flowtrace-bench [suite…]\nsuites:")
  for suite in suites { print("  \(suite.name)\t\(suite.summary)") }
} else {
  for name in requested.isEmpty ? ["runtime"] : requested {
    guard let suite = suites.first(where: { $0.name == name }) else {
      print("unknown suite \(name); known: \(suites.map(\.name).joined(separator: ", "))")
      continue
    }
    suite.run()
  }
}
