@_spi(Benchmarks) import FlowTrace

// The runtime suite: recursive fib(30) (2,692,537 calls) uninstrumented and traced.

@inline(never)
func plainFib(_ n: Int) -> Int {
  n < 2 ? n : plainFib(n - 1) + plainFib(n - 2)
}

/// `@Trace func tracedFib(_ n: Int) -> Int`, as the macro expands it.
@inline(never)
func tracedFib(_ n: Int) -> Int {
  let __ftCall = _TraceCall(site: "tracedFib\t_\tBench/Fib.swift\t12", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(n)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    n < 2 ? n : tracedFib(n - 1) + tracedFib(n - 2)
  }()
  return __ftCall.returning(__ftResult)
}

/// fib(n) makes this many calls.
func fibCalls(_ n: Int) -> Int {
  n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2)
}

func runRuntimeBench() {
  let n = 30
  let calls = Double(fibCalls(n))
  let runs = 5
  var sink = 0
  print("runtime: fib(\(n)), \(Int(calls)) calls, best of \(runs) runs (ns per call)")

  let plain = BenchClock.best(runs: runs) { sink &+= plainFib(n) }
  FlowTrace.config(autoPrint: false)
  let off = BenchClock.best(runs: runs) { sink &+= tracedFib(n) }
  let structure = BenchClock.best(
    runs: runs,
    {
      startTracing(showArgs: false, showResult: false, showTiming: false)
      sink &+= tracedFib(n)
    }, after: _discardTracing)
  let timing = BenchClock.best(
    runs: runs,
    {
      startTracing(showArgs: false, showResult: false, showTiming: true)
      sink &+= tracedFib(n)
    }, after: _discardTracing)
  let values = BenchClock.best(
    runs: runs,
    {
      startTracing(showArgs: true, showResult: true, showTiming: false)
      sink &+= tracedFib(n)
    }, after: _discardTracing)

  func row(_ name: String, _ nanos: Double, target: String) {
    let perCall = nanos / calls
    let ratio = nanos / plain
    let cells = [
      name.padding(30), format(perCall).padding(10), (format(ratio) + "x").padding(10), target,
    ]
    print(cells.joined())
  }
  print(["mode".padding(30), "ns/call".padding(10), "ratio".padding(10), "target"].joined())
  row("uninstrumented", plain, target: "")
  row("@Trace, tracing off", off, target: "<= 1.5x")
  row("session, structure only", structure, target: "<= 15 ns")
  row("session, timing", timing, target: "<= 40 ns")
  row("session, Int arg + result", values, target: "<= 60 ns")
  if sink == 42 { print("") }
}

func format(_ value: Double) -> String {
  let scaled = Int((value * 100).rounded())
  let fraction = scaled % 100
  return "\(scaled / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
