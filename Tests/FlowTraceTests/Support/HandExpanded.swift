import FlowTrace

// Functions written exactly as `@Trace` expands them (docs/MACRO-ABI.md), so the runtime is
// tested on its own.

struct BadInput: Error, Equatable {
  let value: Int
}

func fib(_ n: Int) -> Int {
  let __ftCall = _TraceCall(site: "fib\t_\tFlowTraceTests/Fib.swift\t3", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(n)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    n < 2 ? n : fib(n - 1) + fib(n - 2)
  }()
  return __ftCall.returning(__ftResult)
}

func fib2(_ n: Int) -> Int {
  let __ftCall = _TraceCall(site: "fib2\t_\tFlowTraceTests/Fib.swift\t9", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(n)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    n < 2 ? n : fib2(n - 1) + fib2(n - 2)
  }()
  return __ftCall.returning(__ftResult)
}

func compute(_ a: Int, _ b: Int) -> Int {
  let __ftCall = _TraceCall(
    site: "compute\t_,_\tFlowTraceTests/Fib.swift\t15", flags: _TraceFlags(showTiming: true))
  if __ftCall.recordsArguments {
    __ftCall.argument(a)
    __ftCall.argument(b)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    a * b
  }()
  return __ftCall.returning(__ftResult)
}

func a(_ x: Int) -> Int {
  let __ftCall = _TraceCall(site: "a\t_\tFlowTraceTests/Flags.swift\t1", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    b(y: x) + 1
  }()
  return __ftCall.returning(__ftResult)
}

func b(y: Int) -> Int {
  let __ftCall = _TraceCall(
    site: "b\ty\tFlowTraceTests/Flags.swift\t2", flags: _TraceFlags(showArgs: true))
  if __ftCall.recordsArguments {
    __ftCall.argument(y)
  }
  __ftCall.entered()
  let __ftResult = { () -> Int in
    y * 2
  }()
  return __ftCall.returning(__ftResult)
}

func boom(_ x: Int) throws -> Int {
  let __ftCall = _TraceCall(site: "boom\t_\tFlowTraceTests/Errors.swift\t1", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  do {
    let __ftResult = try { () throws -> Int in
      throw BadInput(value: x)
    }()
    return __ftCall.returning(__ftResult)
  } catch {
    __ftCall.throwing(error)
    throw error
  }
}

func catcher(_ x: Int) -> String {
  let __ftCall = _TraceCall(
    site: "catcher\t_\tFlowTraceTests/Errors.swift\t2", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  let __ftResult = { () -> String in
    do { return String(try boom(x)) } catch { return "recovered" }
  }()
  return __ftCall.returning(__ftResult)
}

func outer(_ x: Int) throws -> Int {
  let __ftCall = _TraceCall(site: "outer\t_\tFlowTraceTests/Errors.swift\t3", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  do {
    let __ftResult = try { () throws -> Int in
      try boom(x) + 1
    }()
    return __ftCall.returning(__ftResult)
  } catch {
    __ftCall.throwing(error)
    throw error
  }
}
