@_spi(Benchmarks) import FlowTrace
import FlowTraceTracing
import Tracing

// The tracing suite (issue 12): what FlowTraceTracing costs per span (the tee) and per
// traced call (calls out), each against a baseline measured in the same run. Timed: the loop
// of spans or the fib(20) calls; not timed: starting and discarding the sessions.

/// Median, best and worst of `runs` timings of `body`, in nanoseconds.
func medianBestWorst(runs: Int, _ body: () -> Void, after: () -> Void = {}) -> [Double] {
  var times: [Double] = []
  for _ in 0..<runs {
    let start = BenchClock.nanos()
    body()
    times.append(Double(BenchClock.nanos() - start))
    after()
  }
  times.sort()
  return [times[times.count / 2], times[0], times[times.count - 1]]
}

func runTracingBench() {
  let runs = 9
  let spans = 100_000
  let n = 20
  let calls = Double(fibCalls(n))
  var sink = 0
  FlowTrace.config(autoPrint: false)

  func row(_ name: String, _ t: [Double], per count: Double, base: [Double]?) {
    let cells = t.map { format($0 / count) }
    let ratio = base.map { " " + format(t[0] / $0[0]) + "x" } ?? ""
    print(name.padding(48) + cells[0].padding(10) + "(\(cells[1])–\(cells[2]))".padding(18) + ratio)
  }

  print("tracing: per span (\(spans) withSpan, 2 attributes), median of \(runs) (best–worst), ns")
  func spanLoop<T: Tracer>(_ tracer: T) {
    for i in 0..<spans {
      tracer.withSpan("GET /orders/{id}", ofKind: .server) { span in
        span.attributes["http.request.method"] = "GET"
        span.attributes["order.id"] = i
      }
    }
  }
  let noop = medianBestWorst(runs: runs) { spanLoop(NoOpTracer()) }
  let teeOff = medianBestWorst(runs: runs) { spanLoop(FlowTraceTracer()) }
  let teeOn = medianBestWorst(
    runs: runs,
    {
      startTracing(showArgs: true, showResult: true)
      spanLoop(FlowTraceTracer())
    }, after: _discardTracing)
  row("NoOpTracer (baseline)", noop, per: Double(spans), base: nil)
  row("FlowTraceTracer tee, FlowTrace not recording", teeOff, per: Double(spans), base: noop)
  row("FlowTraceTracer tee, session (a node a span)", teeOn, per: Double(spans), base: noop)

  print("tracing: per traced call (fib(\(n)), \(Int(calls)) calls), session structure only, ns")
  func session(_ body: @escaping () -> Void) -> [Double] {
    medianBestWorst(
      runs: runs,
      {
        startTracing(showArgs: false, showResult: false, showTiming: false)
        body()
      }, after: _discardTracing)
  }
  let off = session { sink &+= tracedFib(n) }
  FlowTraceTracing.emitSpans(CallSpans(exclude: ["*"]), to: NoOpTracer())
  let excluded = session { sink &+= tracedFib(n) }
  FlowTraceTracing.emitSpans(CallSpans(), to: NoOpTracer())
  let noopSpans = session { sink &+= tracedFib(n) }
  FlowTraceTracing.emitSpans(CallSpans(arguments: true, results: true), to: NoOpTracer())
  let withValues = session { sink &+= tracedFib(n) }
  FlowTraceTracing.emitSpans(nil)
  row("spans off (baseline)", off, per: calls, base: nil)
  row("spans on, every call excluded by pattern", excluded, per: calls, base: off)
  row("spans on, every call a span (NoOpTracer)", noopSpans, per: calls, base: off)
  row("spans on, + arguments and results", withValues, per: calls, base: off)
  if sink == 42 { print("") }
}
