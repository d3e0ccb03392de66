import FlowTrace

// More hand-written expansions: typed throws, rethrows, generics, Void, async.

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

func leaf(_ n: Int) async -> Int {
  let __ftCall = _TraceCall(site: "leaf\t_\tFlowTraceTests/Async.swift\t1", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(n)
  }
  __ftCall.entered()
  let __ftResult = await __ftCall.withTaskScope { () async -> Int in
    await Task.yield()
    return fib(n % 5) + n * 0
  }
  return __ftCall.returning(__ftResult)
}

func fanOut(_ count: Int) async -> Int {
  let __ftCall = _TraceCall(
    site: "fanOut\t_\tFlowTraceTests/Async.swift\t2", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(count)
  }
  __ftCall.entered()
  let __ftResult = await __ftCall.withTaskScope { () async -> Int in
    await withTaskGroup(of: Int.self) { group in
      for index in 0..<count {
        group.addTask { await leaf(index) }
      }
      var total = 0
      for await value in group { total += value }
      return total
    }
  }
  return __ftCall.returning(__ftResult)
}

func asyncBoom(_ x: Int) async throws -> Int {
  let __ftCall = _TraceCall(
    site: "asyncBoom\t_\tFlowTraceTests/Async.swift\t3", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  do {
    let __ftResult = try await __ftCall.withTaskScope { () async throws -> Int in
      await Task.yield()
      return try boom(x)
    }
    return __ftCall.returning(__ftResult)
  } catch {
    __ftCall.throwing(error)
    throw error
  }
}

func asyncCatcher(_ x: Int) async -> String {
  let __ftCall = _TraceCall(
    site: "asyncCatcher\t_\tFlowTraceTests/Async.swift\t4", flags: _TraceFlags())
  if __ftCall.recordsArguments {
    __ftCall.argument(x)
  }
  __ftCall.entered()
  let __ftResult = await __ftCall.withTaskScope { () async -> String in
    do { return String(try await asyncBoom(x)) } catch { return "recovered" }
  }
  return __ftCall.returning(__ftResult)
}
