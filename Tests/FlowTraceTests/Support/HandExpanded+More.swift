import FlowTrace

// More hand-written expansions: typed throws, rethrows, generics, Void. (The async
// functions the concurrency tests run are real `@Trace` expansions: TracedAsync.swift.)

enum ParseError: Error {
  case empty
}

func parse(_ text: String) throws(ParseError) -> Int {
  let __ftCall = _TraceCall(
    site: "parse\t_\tFlowTraceTests/More.swift\t1", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(text)
  }
  __ftCall.entered()
  do throws(ParseError) {
    let __ftResult = try { () throws(ParseError) -> Int in
      if text.isEmpty { throw .empty }
      return text.count
    }()
    return __ftCall.returning(__ftResult)
  } catch {
    __ftCall.throwing(error)
    throw error
  }
}

func apply(_ value: Int, _ transform: (Int) throws -> Int) rethrows -> Int {
  let __ftCall = _TraceCall(
    site: "apply\t_,_\tFlowTraceTests/More.swift\t2", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(value)
    __ftCall.argumentPlaceholder("<closure>")
  }
  __ftCall.entered()
  do {
    let __ftResult = try { () throws -> Int in
      try transform(value)
    }()
    return __ftCall.returning(__ftResult)
  } catch {
    __ftCall.throwing(error)
    throw error
  }
}

func echo<T>(_ value: T) -> T {
  let __ftCall = _TraceCall(site: "echo\t_\tFlowTraceTests/More.swift\t3", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(value)
  }
  __ftCall.entered()
  let __ftResult = { () -> T in
    value
  }()
  return __ftCall.returning(__ftResult)
}

func note(_ text: String) {
  let __ftCall = _TraceCall(site: "note\t_\tFlowTraceTests/More.swift\t4", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(text)
  }
  __ftCall.entered()
  let _: Void = { () -> Void in
    _ = text
  }()
  __ftCall.returningVoid()
}
