@_spi(Benchmarks) import FlowTrace
import FlowTraceSystem
import FlowTraceWire
import Foundation
import Synchronization

// The attach suite: what offering `flowtrace-tui --attach` costs a program nobody attaches
// to (its traced calls with tracing off, the attach thread asleep in poll), against the same
// work untraced, in the same run; then how long attaching takes.

func runAttachBench() {
  let runs = 11
  let start = BenchClock.nanos()
  FlowTrace.config(autoPrint: false)  // starts the runtime, and with it the attach socket
  let setup = Double(BenchClock.nanos() - start)
  let socket = AttachDirectory.socketPath(AttachDirectory.current(), pid: getpid())
  var info = stat()
  let offered = lstat(socket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
  print("attach: never attached vs plain, \(runs) runs each, interleaved; ratio per run pair,")
  print("  median (best–worst); socket \(offered ? "offered at \(socket)" : "MISSING")")
  print("  runtime start with the attach socket: \(format(setup / 1000)) µs (once per process)")

  let n = 30
  var sink = 0
  let fib = interleaved(runs: runs, { sink &+= plainFib(n) }, { sink &+= tracedFib(n) })
  print(
    "  fib(\(n))           plain \(fib.plain.text(per: 1e6)) ms   never attached "
      + "\(fib.traced.text(per: 1e6)) ms   ratio \(fib.ratio.text())")
  let input = WorkInput()
  let rounds = 4_000
  let work = interleaved(
    runs: runs,
    { for _ in 0..<rounds { sink &+= workRound(PlainWork.self, input) } },
    { for _ in 0..<rounds { sink &+= workRound(TracedWork.self, input) } })
  print(
    "  values workload  plain \(work.plain.text(per: 1e6)) ms   never attached "
      + "\(work.traced.text(per: 1e6)) ms   ratio \(work.ratio.text())")

  for (workload, name) in [("fib", "fib(30)"), ("work", "values workload, 1,000 rounds")] {
    let (ratio, checked) = attachProcessRatio(workload, pairs: 7)
    print(
      "  \(name): process offering attach / process with FLOWTRACE_ATTACH=0, 7 pairs: "
        + "ratio \(ratio.text())\(checked ? "" : "  (SOCKET CHECK FAILED)")")
  }
  let latency = attachLatency(times: 5)
  print(
    "  attach → first call received: \(latency.text(per: 1e6)) ms (5 attaches, a thread "
      + "making traced calls)")
  let after = interleaved(runs: runs, { sink &+= plainFib(n) }, { sink &+= tracedFib(n) })
  print("  fib(\(n)) after detaching: ratio \(after.ratio.text())")
  if sink == 42 { print("") }
}

/// Runs `plain` and `traced` alternately `runs` times: their spreads and the per-pair ratio.
func interleaved(
  runs: Int, _ plain: () -> Void, _ traced: () -> Void
) -> (plain: Spread, traced: Spread, ratio: Spread) {
  var plainTimes: [Double] = []
  var tracedTimes: [Double] = []
  plain()
  traced()  // warm
  for _ in 0..<runs {
    var start = BenchClock.nanos()
    plain()
    plainTimes.append(Double(BenchClock.nanos() - start))
    start = BenchClock.nanos()
    traced()
    tracedTimes.append(Double(BenchClock.nanos() - start))
  }
  let ratios = zip(tracedTimes, plainTimes).map { $0 / $1 }
  return (Spread(samples: plainTimes), Spread(samples: tracedTimes), Spread(samples: ratios))
}

/// Attaches to this very process `times` times while a thread makes traced calls: the time
/// from connecting to the first call decoded.
func attachLatency(times: Int) -> Spread {
  let running = Atomic<Bool>(true)
  let done = Atomic<Bool>(false)
  Thread.detachNewThread {
    var sink = 0
    while running.load(ordering: .relaxed) {
      sink &+= tracedFib(12)
      usleep(1000)
    }
    if sink == 42 { print("") }
    done.store(true, ordering: .releasing)
  }
  var samples: [Double] = []
  for _ in 0..<times {
    let start = BenchClock.nanos()
    guard let fd = try? AttachClient.attach(pid: getpid()) else {
      print("  attach failed")
      break
    }
    var calls = 0
    var decoder = TraceDecoder(source: "self")
    var visitor = EventVisitor { if case .call = $0 { calls += 1 } }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while calls == 0 {
      let count = read(fd, &buffer, buffer.count)
      guard count > 0 else { break }
      try? decoder.feed(Array(buffer[0..<count]), into: &visitor)
    }
    samples.append(Double(BenchClock.nanos() - start))
    close(fd)
    usleep(50_000)  // the attach thread sees the viewer go and detaches
  }
  running.store(false, ordering: .relaxed)
  while !done.load(ordering: .acquiring) { usleep(1000) }
  return Spread(samples: samples.isEmpty ? [0] : samples)
}
