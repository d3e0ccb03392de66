import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// The `explorer` suite of the dispatcher: `FLOWTRACE_BENCH_CALLS` (default 5 M) and
/// `FLOWTRACE_BENCH_THREADS` (default 4) size the workload.
func runExplorerBench() {
  var arguments: [String] = []
  if let calls = getenv("FLOWTRACE_BENCH_CALLS") { arguments.append(String(cString: calls)) }
  if let threads = getenv("FLOWTRACE_BENCH_THREADS") {
    if arguments.isEmpty { arguments.append("5000000") }
    arguments.append(String(cString: threads))
  }
  ExplorerBench.run(arguments)
}

/// `ExplorerBench.run([CALLS, THREADS])`: builds a CallTree from generated events
/// (fib trees, one in 50 runs with a caught error, runs spread over threads) and times the
/// operations the explorer needs over it. Baselines, measured in the same run: generating
/// the events alone, and one plain pass over every node. Times are the thread's CPU time
/// (the machine is shared; wall time would measure the neighbours).
enum ExplorerBench {
  static func run(_ arguments: [String]) {
    let calls = arguments.first.flatMap { Int($0) } ?? 5_000_000
    let threads = arguments.dropFirst().first.flatMap { Int($0) } ?? 4
    print("explorer: \(calls) calls on \(threads) threads (release build expected)")
    if arguments.dropFirst(2).first == "open" {
      return openFromBytes(calls: calls, threads: threads)
    }

    var sink = 0
    let generateOnly = time {
      ExplorerWorkload(calls: calls, threads: threads).generate { event in
        if case .call = event { sink &+= 1 }
      }
    }
    let rssBefore = residentBytes()
    var tree = CallTree()
    // As a file reader knowing the trace's size would: room for the calls up front.
    tree.reserveCapacity(calls: calls + threads + 16)
    let build = time {
      ExplorerWorkload(calls: calls, threads: threads).generate { tree.append($0) }
    }
    let rssAfter = residentBytes()
    if arguments.dropFirst(2).first == "build" {
      print("  \(format(Double(rssAfter - rssBefore) / Double(tree.callCount))) bytes/call")
      return
    }
    let perCall = Double(rssAfter - rssBefore) / Double(tree.callCount)
    let footprint = tree.footprint
    var grown = CallTree()
    let growBefore = residentBytes()
    let buildGrowing = time {
      ExplorerWorkload(calls: calls / 5, threads: threads).generate { grown.append($0) }
    }
    let growPerCall = Double(residentBytes() - growBefore) / Double(max(1, grown.callCount))
    grown = CallTree()
    report("generate events only (baseline)", generateOnly)
    report("build tree (generate + append)", build)
    report("append only (build - generate)", max(0, build - generateOnly))
    print(
      "  resident: \(format(perCall)) bytes/call (columns \(format(Double(footprint.structure) / Double(tree.callCount))), strings \(format(Double(footprint.strings) / Double(tree.callCount))))"
    )

    openFromBytes(calls: calls, threads: threads)
    liveSync(calls: calls, threads: threads)

    let pass = time {
      var total: UInt64 = 0
      for node in 0..<tree.count { total &+= UInt64(tree.depth(of: node)) }
      sink &+= Int(truncatingIfNeeded: total)
    }
    report("one pass over all nodes (baseline)", pass)
    report("build \(calls / 5) calls without reserving (live)", buildGrowing)
    print("  resident when growing without reserve: \(format(growPerCall)) bytes/call")

    var outline = Outline(tree: tree)
    let collapse = time { outline.collapseAll(in: tree) }
    report("collapse all (\(outline.rowCount) rows)", collapse)
    let expand = time { outline.expandAll(in: tree) }
    report("expand all (\(outline.rowCount) rows)", expand)
    let depth = time { outline.expand(toDepth: 3, in: tree) }
    report("expand to depth 3 (\(outline.rowCount) rows)", depth)
    outline.expandAll(in: tree)

    var matches = 0
    let search = time {
      matches = (try? Search("fib(7", in: tree))?.count ?? -1
    }
    report("search 'fib(7' (\(matches) matches)", search)
    let searchName = time {
      matches = (try? Search("validate", in: tree))?.count ?? -1
    }
    report("search 'validate' (\(matches) matches)", searchName)
    let searchResult = time {
      matches = (try? Search("6765", in: tree))?.count ?? -1
    }
    report("search '6765' (\(matches) matches)", searchResult)
    let searchRegex = time {
      matches = (try? Search("re:^Checker\\.validate\\(run: 4\\d\\)", in: tree))?.count ?? -1
    }
    report("search regex (\(matches) matches)", searchRegex)

    let query = (try? FilterQuery(parsing: "fib >20us -validate")) ?? FilterQuery(terms: [])
    let filter = time { outline.setFilter(query, in: tree) }
    let counts = outline.filterCounts(in: tree)
    report("filter 'fib >20us -validate' (\(counts.visible)/\(counts.total))", filter)
    let errors = time { outline.setFilter(try? FilterQuery(parsing: "err"), in: tree) }
    report("filter 'err' (\(outline.filterCounts(in: tree).visible) visible)", errors)
    outline.setFilter(nil, in: tree)

    let stats = time { sink &+= FunctionStats(tree: tree).bySite.count }
    report("function stats", stats)
    let last = tree.count - 1
    let reveal = time {
      outline.collapseAll(in: tree)
      sink &+= outline.reveal(last, in: tree) ?? 0
    }
    report("collapse all + reveal last call", reveal)
    let next = time { sink &+= outline.nextError(after: 0, in: tree)?.node ?? 0 }
    report("next error from the top", next)
    if sink == 42 { print("") }
  }

  /// Encodes the workload as a binary trace, then opens it as the viewer does: the decoder's
  /// visitor feeding the tree, then the first outline. Baseline: decoding into a visitor that
  /// does nothing.
  static func openFromBytes(calls: Int, threads: Int) {
    var encoder = TraceEncoder(capacity: calls * 24)
    encoder.header(TraceHeader(pid: 1, program: "bench", arguments: [], startWallNanos: 0))
    ExplorerWorkload(calls: calls, threads: threads).generate { try? encoder.encode($0) }
    let bytes = encoder.takeBytes()
    var nothing = NoVisitor()
    let decodeOnly = time {
      var decoder = TraceDecoder()
      bytes.withUnsafeBytes { raw in try? decoder.decode(raw, into: &nothing) }
    }
    var tree = CallTree()
    var rows = 0
    let open = time {
      tree.reserveCapacity(calls: bytes.count / 24, stringBytes: bytes.count)
      var decoder = TraceDecoder()
      bytes.withUnsafeBytes { raw in try? decoder.decode(raw, into: &tree) }
      rows = Outline(tree: tree).rowCount
    }
    print("  trace file: \(bytes.count / 1_000_000) MB, \(tree.callCount) calls, \(rows) rows")
    report("decode only, no-op visitor (baseline)", decodeOnly)
    report("open: decode into tree + first outline", open)
    report("  of which tree + outline (open - decode)", max(0, open - decodeOnly))
  }

  struct NoVisitor: TraceVisitor {}

  /// Live ingest: events arrive in batches of 20,000 and the rows are synced after each
  /// (threads interleave, so most batches land in the middle of the rows).
  static func liveSync(calls: Int, threads: Int) {
    var tree = CallTree()
    var outline = Outline(tree: tree)
    var batch: [TraceEvent] = []
    var syncs = 0
    var total = 0.0
    var worst = 0.0
    ExplorerWorkload(calls: calls, threads: threads).generate { event in
      batch.append(event)
      guard batch.count == 20_000 else { return }
      tree.append(contentsOf: batch)
      batch.removeAll(keepingCapacity: true)
      let t = time { outline.sync(with: tree) }
      syncs += 1
      total += t
      worst = max(worst, t)
    }
    tree.append(contentsOf: batch)
    outline.sync(with: tree)
    report("live: \(syncs) syncs of 20k events, mean", total / Double(max(1, syncs)))
    report("live: slowest sync (\(outline.rowCount) rows at the end)", worst)
  }

  static func time(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
  }

  static func report(_ label: String, _ millis: Double) {
    let padded = label + String(repeating: " ", count: max(0, 52 - label.count))
    print("  \(padded) \(format(millis)) ms")
  }

  static func format(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return "\(scaled)"
  }

  /// Resident set size from /proc/self/statm.
  static func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    guard fgets(&line, 256, file) != nil else { return 0 }
    let fields = String(
      decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self
    )
    .split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}

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
