import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// glibc's `malloc_trim` (not in the Glibc module): freed memory back to the system.
@_silgen_name("malloc_trim") func mallocTrim(_ pad: Int) -> Int32

/// `flowtrace-bench diff`: two generated traces of `FLOWTRACE_BENCH_CALLS` calls (default 5 M,
/// one thread: `run(i)` → fib trees → `validate`), written to files and compared as
/// `flowtrace diff` does. Baselines, measured in the same run: decoding both files one after
/// the other with an empty visitor (what the targets are set against) and loading both into
/// call trees (`LoadedTrace`, what the reference path does). Wall times (the diff reads the
/// two files on two threads), `FLOWTRACE_BENCH_RUNS` runs each (default 5): median, best,
/// worst. Timed: everything the command does in process (the prefix probe, the streaming
/// diff's two passes or loading both trees, aligning, rendering the text); not timed:
/// process start, writing the output. The reference path (whole trees) is timed too, and
/// its output compared with the streaming diff's.
enum DiffBench {
  static func run() {
    let calls = getenv("FLOWTRACE_BENCH_CALLS").flatMap { Int(String(cString: $0)) } ?? 5_000_000
    let runs = getenv("FLOWTRACE_BENCH_RUNS").flatMap { Int(String(cString: $0)) } ?? 5
    // FLOWTRACE_BENCH_DIFF=identical: only the baseline and the identical traces' rows (to
    // profile pass 1); =tui: only the baseline and the explorer's first screen.
    let only = getenv("FLOWTRACE_BENCH_DIFF").map { String(cString: $0) } ?? ""
    print("diff: two traces of \(calls) calls, \(runs) runs each (release build expected)")
    let dir = "/tmp/flowtrace-bench-diff-\(getpid())"
    mkdir(dir, 0o755)
    defer {
      for name in ["a", "early", "same"] { unlink("\(dir)/\(name).ftrace") }
      rmdir(dir)
    }
    // B differs early: the 1,000th return has another result. "same" is another run of A:
    // every timestamp later, nothing else changed.
    let a = write(calls: calls, to: "\(dir)/a.ftrace") { $0 }
    var returns = 0
    let early = write(calls: calls, to: "\(dir)/early.ftrace") { event in
      guard case .return(var end) = event else { return event }
      returns += 1
      if returns == 1_000 { end.result = "-1" }
      return .return(end)
    }
    let same = write(calls: calls, to: "\(dir)/same.ftrace") { event in
      switch event {
      case .call(var start):
        start.timestamp = start.timestamp.map { $0 + 5_000_000 }
        return .call(start)
      case .return(var end):
        end.timestamp = end.timestamp.map { $0 + 5_000_123 }
        return .return(end)
      default: return event
      }
    }
    guard let a, let early, let same else { return print("  could not write the traces") }
    print("  files: \(a.bytes.count / 1_000_000) MB each")

    var nothing = NoVisitor()
    let decode = measure(runs) {
      for file in [a, early] {
        var decoder = TraceDecoder()
        try? decoder.decode(file.bytes, into: &nothing)
      }
    }
    report("decode both, no tree (reference)", decode, decode)
    if only == "identical" {
      identicalRows(a, same, runs: runs, decode: decode)
      return
    }
    if only == "tui" { return tuiRows(a, early, same, runs: runs, decode: decode) }
    let load = measure(runs) {
      _ = LoadedTrace(a).tree.count + LoadedTrace(early).tree.count
    }
    report("load both into call trees (baseline)", load, load)

    var firstLine = ""
    let first = measure(runs) {
      let report = FirstDifferenceProbe.find(
        a, early, options: DiffOptions(), startBytes: FirstDifferenceProbe.quickBytes,
        maxBytes: FirstDifferenceProbe.quickBytes)
      firstLine = report?.firstDifferenceLines().last ?? "(not settled early)"
    }
    report("first difference (probe), differ early", first, load, target: "≤ 0.5 s")
    print("    \(firstLine.drop { $0 == " " })")
    var lines = 0
    var output = ""
    let full = measure(runs) { (lines, output) = command(a, early) }
    report("full diff, differ early (\(lines) lines)", full, decode, target: "≤ 2 s, ≤ 2×")
    print("    vs loading both: \(fixed(full[full.count / 2] / load[load.count / 2]))×")
    var phases: [Double] = []
    if let pruned = StreamingDiff.compare(a, early, phases: { phases.append($0) }) {
      print("    trees built: \(pruned.a.count) + \(pruned.b.count) nodes (of \(calls) calls each)")
      print(
        "    phases (one more run): \(phases.map(fixed)) s (same-run check, pass 1, plan, pass 2, align)"
      )
    }
    let identical = identicalRows(a, same, runs: runs, decode: decode)
    print("    vs loading both: \(fixed(identical[identical.count / 2] / load[load.count / 2]))×")
    var reference = ""
    let old = measure(runs) { (lines, reference) = command(a, early, streaming: false) }
    report("full diff, reference path (both trees)", old, decode)
    print("    same output as the reference path: \(output == reference)")

    memory(a, early)
    tuiRows(a, early, same, runs: runs, decode: decode)
  }

  /// "No differences" on two runs of one program (timestamps aside).
  @discardableResult
  static func identicalRows(
    _ a: TraceFile, _ same: TraceFile, runs: Int, decode: [Double]
  ) -> [Double] {
    var lines = 0
    let identical = measure(runs) { (lines, _) = command(a, same) }
    report("identical traces (\(lines) lines)", identical, decode, target: "≤ 1.5×")
    // CPU time (all threads), which the load of other processes moves less than wall time:
    // what the two threads cost against the one-thread decode.
    var nothing = NoVisitor()
    let decodeCPU = measureCPU(runs) {
      for file in [a, same] {
        var decoder = TraceDecoder()
        try? decoder.decode(file.bytes, into: &nothing)
      }
    }
    let identicalCPU = measureCPU(runs) { _ = command(a, same) }
    print(
      "    CPU time: decode both \(fixed(decodeCPU)) s, identical \(fixed(identicalCPU)) s "
        + "(\(fixed(identicalCPU / max(1e-9, decodeCPU)))×; medians)")
    var phases: [Double] = []
    _ = StreamingDiff.compare(a, same, phases: { phases.append($0) })
    print("    phases (one more run): \(phases.map(fixed)) s (same-run check)")
    // Pass 1 alone (what traces of several threads take, and what the check replaced).
    let digest = measure(runs) { _ = StreamingDiff.compare(a, same, sameRunCheck: false) }
    report("identical traces, pass 1 (no same-run check)", digest, decode)
    return identical
  }

  /// What `flowtrace diff A B` does in process; returns the number of output lines and the
  /// text. `streaming: false`: the reference path (whole trees, probe up to 1/8 of a file).
  static func command(
    _ a: TraceFile, _ b: TraceFile, streaming: Bool = true
  ) -> (Int, String) {
    let options = DiffOptions()
    let fast = streaming && StreamingDiff.applies(a, b, options: options)
    let early =
      fast
      ? FirstDifferenceProbe.find(
        a, b, options: options, startBytes: FirstDifferenceProbe.quickBytes,
        maxBytes: FirstDifferenceProbe.quickBytes)
      : FirstDifferenceProbe.find(a, b, options: options)
    var text = early.map { $0.firstDifferenceLines() } ?? []
    let report =
      (fast ? StreamingDiff.compare(a, b, options: options) : nil)
      ?? {
        let (traceA, traceB) = LoadedTrace.both(a, b)
        return TreeDiff.compare(traceA.tree, traceB.tree)
      }()
    if early == nil { text += report.firstDifferenceLines() }
    text += report.lines() + [report.summary]
    return (text.count, text.joined(separator: "\n"))
  }

  /// Resident growth of the diff (both trees and the report) and of the explorer's diff view
  /// (both trees and the merged tree), against loading both trees.
  static func memory(_ a: TraceFile, _ b: TraceFile) {
    // Freed memory back to the system first, so that growth is not hidden by reuse.
    _ = mallocTrim(0)
    let start0 = ExplorerBench.residentBytes()
    var peak = start0
    var streamingPeak = 0
    _ = StreamingDiff.compare(a, b) { peak = ExplorerBench.residentBytes() }
    print(
      "  memory: streaming diff at its peak (both digests and pruned trees) +"
        + "\((peak - start0) >> 20) MiB")
    streamingPeak = peak - start0
    _ = mallocTrim(0)
    let before = ExplorerBench.residentBytes()
    let (traceA, traceB) = LoadedTrace.both(a, b)
    let loaded = ExplorerBench.residentBytes()
    let report = TreeDiff.compare(traceA.tree, traceB.tree)
    let compared = ExplorerBench.residentBytes()
    let start = BenchClock.nanos()
    let merged = MergedDiff(traceA.tree, traceB.tree)
    let seconds = Double(BenchClock.nanos() - start) / 1e9
    let viewed = ExplorerBench.residentBytes()
    let base = Double(max(1, loaded - before))
    print(
      "    streaming diff: \(fixed(Double(streamingPeak) / base))× loading both (target ≤ 2×)")
    print("  memory: both trees \((loaded - before) >> 20) MiB")
    print(
      "    flowtrace diff: +\((compared - loaded) >> 20) MiB, "
        + "\(fixed(Double(compared - before) / base))× loading both (target ≤ 2×)")
    print(
      "    flowtrace-tui --diff: merged tree +\((viewed - compared) >> 20) MiB, "
        + "\(fixed(Double(viewed - before - (compared - loaded)) / base))× loading both; "
        + "built in \(fixed(seconds)) s")
    if report.entries.count + merged.differences.count == -1 { print("") }
  }

  struct NoVisitor: TraceVisitor {}

  static func write(
    calls: Int, to path: String, _ change: (TraceEvent) -> TraceEvent
  ) -> TraceFile? {
    var encoder = TraceEncoder(capacity: calls * 16)
    encoder.header(TraceHeader(pid: 1, program: "bench", arguments: [], startWallNanos: 0))
    ExplorerWorkload(calls: calls, threads: 1).generate { try? encoder.encode(change($0)) }
    let bytes = encoder.takeBytes()
    guard let out = fopen(path, "wb") else { return nil }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
    fclose(out)
    return try? TraceFile.open(path)
  }

  /// Wall-time seconds of each of `runs` runs, sorted.
  static func measure(_ runs: Int, _ body: () -> Void) -> [Double] {
    (0..<max(1, runs)).map { _ in
      let start = BenchClock.nanos()
      body()
      return Double(BenchClock.nanos() - start) / 1e9
    }.sorted()
  }

  /// The median CPU seconds (user + system, all threads) of `runs` runs.
  static func measureCPU(_ runs: Int, _ body: () -> Void) -> Double {
    func now() -> Double {
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
      return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
    let times = (0..<max(1, runs)).map { _ in
      let start = now()
      body()
      return now() - start
    }.sorted()
    return times[times.count / 2]
  }

  static func report(_ label: String, _ times: [Double], _ base: [Double], target: String = "") {
    let median = times[times.count / 2]
    let ratio = median / max(1e-9, base[base.count / 2])
    let padded = label + String(repeating: " ", count: max(0, 46 - label.count))
    print(
      "  \(padded) median \(fixed(median)) s (best \(fixed(times[0])), worst "
        + "\(fixed(times[times.count - 1]))), \(fixed(ratio))× baseline  \(target)")
  }

  static func fixed(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
  }
}
