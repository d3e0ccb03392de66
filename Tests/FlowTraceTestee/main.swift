// A traced child process for the runtime's sink tests.
//
//   flowtrace-testee fib N          prints fib(N)'s tree (autoPrint) and exits
//   flowtrace-testee forever        traces calls until killed, announcing progress on stdout
//   flowtrace-testee burst N        N fib(20) roots as fast as possible (socket loss tests)
//   flowtrace-testee quiet N        turns autoPrint off before any traced call, then fib(N)
//   flowtrace-testee serve N        one traced serve() open for N rounds of session() calls
//                                   (about 2 ms each), announcing "round R" on stdout
//   flowtrace-testee churn N        N short-lived threads (one fib(3) each), printing resident
//                                   memory every 1,000 (Churn.swift)
//   flowtrace-testee exit N         fib(N), then exit(N) (the end record's exit status)
//   flowtrace-testee late N         waits N ms before its first traced call, fib(5)
//   flowtrace-testee waves N        N traced wave() calls of about 3 s, each making
//                                   a small fib() call every 3 ms
import FlowTrace
import Glibc

func fib(_ n: Int) -> Int {
  let __ftCall = _TraceCall(site: "fib\t_\tTestee/main.swift\t8", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(n)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    n < 2 ? n : fib(n - 1) + fib(n - 2)
  }()
  return __ftCall.returning(__ftResult)
}

func step(_ index: Int) -> String {
  let __ftCall = _TraceCall(site: "step\t_\tTestee/main.swift\t20", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(index)
  }
  __ftCall.entered()
  let __ftResult = { () -> String in
    "step \(index): \(fib(index % 10))"
  }()
  return __ftCall.returning(__ftResult)
}

func session(_ round: Int) -> Int {
  let __ftCall = _TraceCall(site: "session\t_\tTestee/main.swift\t33", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(round)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    (0..<3).reduce(0) { total, index in total + step(round + index).count }
  }()
  return __ftCall.returning(__ftResult)
}

func serve(_ rounds: Int) -> Int {
  let __ftCall = _TraceCall(site: "serve\t_\tTestee/main.swift\t45", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(rounds)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    var total = 0
    for round in 0..<rounds {
      total += session(round)
      if round % 10 == 0 {
        print("round \(round)")
        fflush(nil)
      }
      usleep(2000)
    }
    return total
  }()
  return __ftCall.returning(__ftResult)
}

func wave(_ index: Int) -> Int {
  let __ftCall = _TraceCall(site: "wave\t_\tTestee/main.swift\t67", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(index)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    var total = 0
    for round in 0..<1000 {
      total += fib(round % 3)
      usleep(3000)
    }
    return total
  }()
  return __ftCall.returning(__ftResult)
}

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "fib"
let count = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

switch mode {
case "forever":
  var index = 0
  while true {
    _ = step(index)
    if index % 1000 == 0 {
      print("progress \(index)")
      fflush(nil)
    }
    index += 1
    if index % 100 == 0 { usleep(1000) }
  }
case "quiet":
  FlowTrace.config(autoPrint: false)
  _ = fib(count)
  print("done")
case "serve":
  _ = serve(count)
  print("done")
case "churn":
  churn(count)
  print("done")
case "exit":
  _ = fib(count)
  exit(Int32(count))
case "waves":
  for index in 0..<count { _ = wave(index) }
  print("done")
case "late":
  usleep(UInt32(count) * 1000)
  _ = fib(5)
  print("done")
case "burst":
  for _ in 0..<count { _ = fib(20) }
  print("done")
default:
  _ = fib(count)
  _ = step(count)
}
