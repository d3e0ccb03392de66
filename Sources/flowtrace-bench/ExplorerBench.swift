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

    for (pattern, label) in [
      ("fib(7", "'fib(7'"), ("validate", "'validate'"), ("6765", "'6765'"),
      ("re:^Checker\\.validate\\(run: 4\\d\\)", "regex"),
    ] {
      var matches = 0
      let elapsed = time { matches = (try? Search(pattern, in: tree))?.count ?? -1 }
      report("search \(label) (\(matches) matches)", elapsed)
    }

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
