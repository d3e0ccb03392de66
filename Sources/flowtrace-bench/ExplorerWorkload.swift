import FlowTraceWire

/// Generated events: `main` per thread, then runs of `run(i) → fib(n)` trees (n cycling
/// 15...22) on thread `i % threads`, each run ending with `validate(i)`, which throws in one
/// run of 50 (caught by `run`). Timestamps advance 7 ns per event.
struct ExplorerWorkload {
  let calls: Int
  let threads: Int
  private var clock: UInt64 = 0
  private var nextID: UInt64 = 1
  private var made = 0

  init(calls: Int, threads: Int) {
    self.calls = calls
    self.threads = max(1, threads)
  }

  func generate(_ emit: (TraceEvent) -> Void) {
    var copy = self
    copy.run(emit)
  }

  private mutating func run(_ emit: (TraceEvent) -> Void) {
    emit(.callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "main.swift", line: 1)))
    emit(
      .callSite(CallSite(id: 2, qualifiedName: "run", labels: ["_"], file: "main.swift", line: 5)))
    emit(
      .callSite(CallSite(id: 3, qualifiedName: "fib", labels: ["_"], file: "Fib.swift", line: 3)))
    emit(
      .callSite(
        CallSite(
          id: 4, qualifiedName: "Checker.validate", labels: ["run"], file: "Check.swift", line: 9)))
    var mains: [UInt64] = []
    for t in 1...threads {
      emit(.thread(ThreadInfo(id: UInt32(t), name: t == 1 ? "main" : "worker-\(t)")))
      mains.append(start(site: 1, parent: nil, thread: UInt32(t), args: nil, emit))
    }
    var i = 0
    while made < calls {
      let thread = UInt32(i % threads + 1)
      let runID = start(
        site: 2, parent: mains[i % threads], thread: thread, args: [String(i)], emit)
      fib(15 + i % 8, parent: runID, thread: thread, emit)
      let check = start(site: 4, parent: runID, thread: thread, args: [String(i)], emit)
      if i % 50 == 49 {
        emit(
          .error(
            CallError(
              id: check, type: "CheckError", description: "CheckError.mismatch(run: \(i))",
              disposition: .propagated)))
        end(check, result: nil, emit)
        emit(
          .error(
            CallError(
              id: runID, type: "CheckError", description: "CheckError.mismatch(run: \(i))",
              disposition: .caught)))
      } else {
        end(check, result: "true", emit)
      }
      end(runID, result: nil, emit)
      i += 1
    }
    for main in mains { end(main, result: nil, emit) }
    emit(.end)
  }

  @discardableResult
  private mutating func fib(_ n: Int, parent: UInt64, thread: UInt32, _ emit: (TraceEvent) -> Void)
    -> Int
  {
    let id = start(site: 3, parent: parent, thread: thread, args: [String(n)], emit)
    var value = n
    if n >= 2 && made < calls {
      value =
        fib(n - 1, parent: id, thread: thread, emit) + fib(n - 2, parent: id, thread: thread, emit)
    }
    end(id, result: String(value), emit)
    return value
  }

  private mutating func start(
    site: UInt32, parent: UInt64?, thread: UInt32, args: [String]?, _ emit: (TraceEvent) -> Void
  ) -> UInt64 {
    let id = nextID
    nextID += 1
    made += 1
    clock += 7
    emit(
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: 0,
          flags: [.args, .result, .timing], timestamp: clock, args: args)))
    return id
  }

  private mutating func end(_ id: UInt64, result: String?, _ emit: (TraceEvent) -> Void) {
    clock += 7
    emit(.return(CallEnd(id: id, timestamp: clock, result: result)))
  }
}
