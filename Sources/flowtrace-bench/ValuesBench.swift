@_spi(Benchmarks) import FlowTrace
import Glibc

// The values suite: what recording rich argument values costs the program's thread, what
// rendering them costs later, and a real-shape workload recorded to a file.

/// Median, best and worst of several timings.
struct Spread {
  var samples: [Double]
  var median: Double { samples.sorted()[samples.count / 2] }
  var best: Double { samples.min() ?? 0 }
  var worst: Double { samples.max() ?? 0 }

  /// `median (best–worst)` of the samples divided by `per`.
  func text(per: Double = 1) -> String {
    "\(format(median / per)) (\(format(best / per))–\(format(worst / per)))"
  }
}

/// Process CPU time (all threads: the program's and the writer's), in nanoseconds.
func processCPUNanos() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) * 1e9 + Double(usage.ru_utime.tv_usec) * 1e3
  let system = Double(usage.ru_stime.tv_sec) * 1e9 + Double(usage.ru_stime.tv_usec) * 1e3
  return user + system
}

/// Times `body` `runs` times (with `after` untimed after each): wall and CPU spreads.
func measure(runs: Int, _ body: () -> Void, after: () -> Void = {}) -> (Spread, Spread) {
  var wall: [Double] = []
  var cpu: [Double] = []
  for _ in 0..<runs {
    let cpuStart = processCPUNanos()
    let start = BenchClock.nanos()
    body()
    wall.append(Double(BenchClock.nanos() - start))
    cpu.append(processCPUNanos() - cpuStart)
    after()
  }
  return (Spread(samples: wall), Spread(samples: cpu))
}

func runValuesBench() {
  FlowTrace.config(autoPrint: false)
  runValuesMixBench()
  if getenv("FLOWTRACE_BENCH_MODE").map({ String(cString: $0) }) == "render" { return }
  runValuesWorkBench()
  FlowTrace._setLegacyValueRendering(false)
}

/// The real-shape workload without the mix (`flowtrace-bench values-work`).
func runValuesWorkBenchAlone() {
  FlowTrace.config(autoPrint: false)
  runValuesWorkBench()
}

/// Per value of the mix: `String(reflecting:)`, the program thread's cost of recording it
/// (session, arguments on, minus the same calls structure-only), and the later render.
func runValuesMixBench() {
  let runs = 7
  print("values: one argument per call, 20,000 calls a run (big number 5,000, 1 MB string 100),")
  print("  ns per call, median (best–worst) of \(runs) runs")
  print("  program thread = ns/call with the argument minus ns/call structure-only (session);")
  print("  later = the drain that renders (stopTracing/writer), per value; not in program thread")
  print("  render = the plan's render alone (what the file writer does per kept value)")
  print("  kept = the same value again on a thread that keeps texts (a lookup, or the render)")
  let header = [
    "value".padding(26), "reflecting".padding(22), "program thread".padding(22),
    "later (drain)".padding(22), "render".padding(22), "kept".padding(22),
    "old: program thread",
  ]
  print(header.joined())
  let only = getenv("FLOWTRACE_BENCH_VALUE").map { String(cString: $0) }
  for value in valuesMix() where only == nil || value.name.hasPrefix(only!) {
    let count = value.count
    var sink = 0
    // Ten times the calls: a render is short, and the first run pays the plan's making.
    let render = measure(runs: runs) { sink &+= value.render(10 * count) }.0
    let kept = measure(runs: runs) { sink &+= value.keptRender(10 * count) }.0
    if getenv("FLOWTRACE_BENCH_MODE").map({ String(cString: $0) }) == "render" {
      print(
        value.name.padding(26) + render.text(per: Double(10 * count)).padding(22)
          + kept.text(per: Double(10 * count)))
      continue
    }
    let reflect = measure(runs: runs) { sink &+= value.reflect(count) }.0
    let structure = measure(
      runs: runs,
      {
        startTracing(showArgs: false, showResult: false, showTiming: false)
        value.record(count)
      }, after: _discardTracing
    ).0
    func argumentRuns(legacy: Bool) -> (Spread, Spread) {
      FlowTrace._setLegacyValueRendering(legacy)
      defer { FlowTrace._setLegacyValueRendering(false) }
      var drains: [Double] = []
      let calls = measure(
        runs: runs,
        {
          startTracing(showArgs: true, showResult: false, showTiming: false)
          value.record(count)
        },
        after: {
          let start = BenchClock.nanos()
          _discardTracing()
          drains.append(Double(BenchClock.nanos() - start))
        }
      ).0
      let extra = Spread(samples: calls.samples.map { $0 - structure.median })
      return (extra, Spread(samples: drains))
    }
    let (now, later) = argumentRuns(legacy: false)
    let (old, _) = argumentRuns(legacy: true)
    let per = Double(count)
    print(
      [
        value.name.padding(26), reflect.text(per: per).padding(22),
        now.text(per: per).padding(22), later.text(per: per).padding(22),
        render.text(per: 10 * per).padding(22), kept.text(per: 10 * per).padding(22),
        old.text(per: per),
      ].joined())
    if sink == 42 { print("") }
  }
}

/// The real-shape workload: untraced, traced with tracing off, and recorded to a file
/// (values rendered the new way and the old way), wall and CPU.
func runValuesWorkBench() {
  let rounds = 4_000
  let runs = 5
  let input = WorkInput()
  let calls = Double(rounds * WorkInput.callsPerRound)
  let path = "/tmp/flowtrace-values-\(getpid()).ftrace"
  var sink = 0
  print(
    "\nvalues workload: \(rounds) rounds, \(Int(calls)) traced calls a run, "
      + "median (best–worst) of \(runs); file rows include the close (drain, last write)")
  let plain = measure(runs: runs) {
    for _ in 0..<rounds { sink &+= workRound(PlainWork.self, input) }
  }
  let off = measure(runs: runs) {
    for _ in 0..<rounds { sink &+= workRound(TracedWork.self, input) }
  }
  let described = measure(runs: runs) {
    for _ in 0..<rounds { sink &+= workRound(DescribedWork.self, input) }
  }
  var bytes = 0.0
  func recorded(legacy: Bool, values: Bool = true) -> (Spread, Spread) {
    FlowTrace._setLegacyValueRendering(legacy)
    if !values { FlowTrace.config(showArgs: false, showResult: false) }
    defer {
      FlowTrace._setLegacyValueRendering(false)
      FlowTrace.config(showArgs: true, showResult: true)
    }
    return measure(
      runs: runs,
      {
        do { try FlowTrace.recordTrace(to: path) } catch { print("cannot record: \(error)") }
        for _ in 0..<rounds { sink &+= workRound(TracedWork.self, input) }
        FlowTrace.closeTraceSinks()
      },
      after: {
        bytes = BenchClock.sizeRemoving(path)
      })
  }
  // `FLOWTRACE_BENCH_MODE=file|structure` runs that recorded mode alone (for profiling).
  let only = getenv("FLOWTRACE_BENCH_MODE").map { String(cString: $0) }
  let file = only == "structure" ? plain : recorded(legacy: false)
  let structure = only == "file" ? plain : recorded(legacy: false, values: false)
  let legacy = only != nil ? plain : recorded(legacy: true)
  print(
    [
      "mode".padding(34), "wall ms".padding(26), "wall ratio".padding(10), "CPU ms".padding(26),
      "CPU ratio".padding(10), "ns/call wall",
    ].joined())
  func row(_ name: String, _ result: (Spread, Spread), _ target: String = "") {
    print(
      [
        name.padding(34), result.0.text(per: 1e6).padding(26),
        (format(result.0.median / plain.0.median) + "x").padding(10),
        result.1.text(per: 1e6).padding(26),
        (format(result.1.median / plain.1.median) + "x").padding(10),
        format(result.0.median / calls) + "  " + target,
      ].joined())
  }
  row("untraced", plain)
  row("@Trace, tracing off", off, "target <= 1.1x wall")
  row("untraced + the types' descriptions", described, "(what any tracer pays for them)")
  row("file, values rendered later", file, "target <= 10x wall, <= 15x CPU")
  row("file, old rule (before)", legacy)
  row("file, structure only (no values)", structure)
  print("file size: \(format(bytes / calls)) bytes/call")
  if sink == 42 { print("") }
}
