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
  let runs = 7
  var sink = 0
  print(
    "runtime: fib(\(n)), \(Int(calls)) calls, median (best–worst) of \(runs) runs, ns per call;"
      + " session rows time the calls, not the drain, except the last")

  let plain = measure(runs: runs) { sink &+= plainFib(n) }.0
  FlowTrace.config(autoPrint: false)
  let off = measure(runs: runs) { sink &+= tracedFib(n) }.0
  func session(args: Bool, timing: Bool) -> Spread {
    measure(
      runs: runs,
      {
        startTracing(showArgs: args, showResult: args, showTiming: timing)
        sink &+= tracedFib(n)
      }, after: _discardTracing
    ).0
  }
  let structure = session(args: false, timing: false)
  let timing = session(args: false, timing: true)
  let values = session(args: true, timing: false)
  // A whole session as a user runs it: `stopTracing()` drains the records and builds the
  // `CallEvent`s (fib(25): 5.4 M events of fib(30) would hold gigabytes).
  let small = 25
  let smallCalls = Double(fibCalls(small))
  let drained = measure(runs: runs) {
    startTracing(showArgs: false, showResult: false, showTiming: false)
    sink &+= tracedFib(small)
    sink &+= stopTracing().count
  }.0
  let drainedPerCall = Spread(samples: drained.samples.map { $0 * calls / smallCalls })

  func row(_ name: String, _ spread: Spread, target: String) {
    let cells = [
      name.padding(36), spread.text(per: calls).padding(24),
      (format(spread.median / plain.median) + "x").padding(10), target,
    ]
    print(cells.joined())
  }
  print(["mode".padding(36), "ns/call".padding(24), "ratio".padding(10), "target"].joined())
  row("uninstrumented", plain, target: "")
  row("@Trace, tracing off", off, target: "<= 1.5x")
  row("session, structure only", structure, target: "<= 15 ns")
  row("session, timing", timing, target: "<= 40 ns")
  row("session, Int arg + result", values, target: "<= 60 ns")
  row("session + stopTracing(), fib(25)", drainedPerCall, target: "")
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
