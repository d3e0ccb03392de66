import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// Benchmarks of the trace format: `decode` (a generated 10 M event file through the visitor
/// fast path and through `TraceEvent`s, against a byte scan of the same mapping) and `encode`.
/// Figures are ratios against baselines measured in the same run.
enum WireBench {
  /// An encoder holding the header and the one call site (`fib`) of the generated traces.
  static func fibTraceStart() -> TraceEncoder {
    var encoder = TraceEncoder(capacity: 1 << 22)
    encoder.header(
      TraceHeader(pid: getpid(), program: "bench", arguments: [], startWallNanos: 0))
    encoder.callSite(
      CallSite(id: 1, qualifiedName: "fib", labels: ["_"], file: "Fib.swift", line: 1))
    return encoder
  }

  /// Writes a file of about `events` events: repeated fib(24) call trees with timing (and,
  /// `withValues`, an Int argument and result per call; `withErrors`, every 64th call of
  /// fib(1) throws an error that its caller catches).
  static func generate(
    events: Int, to path: String, withValues: Bool = false, withErrors: Bool = false
  ) -> (calls: Int, bytes: Int) {
    var encoder = fibTraceStart()
    encoder.thread(id: 1, name: "main")
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var id: UInt64 = 0
    var clock: UInt64 = 0
    var total = 0
    @discardableResult
    func emit(_ n: Int, parent: UInt64?) -> Bool {
      id += 1
      let me = id
      clock += 23
      try? encoder.call(
        id: me, parent: parent, site: 1, thread: 1, task: 0,
        flags: withValues ? [.args, .result, .timing] : [.timing], timestamp: clock,
        args: withValues ? [String(n)] : nil)
      if n >= 2 {
        if emit(n - 1, parent: me) {
          try? encoder.error(id: me, type: "Odd", description: "Odd", disposition: .caught)
        }
        if emit(n - 2, parent: me) {
          try? encoder.error(id: me, type: "Odd", description: "Odd", disposition: .caught)
        }
      }
      let throwsError = withErrors && n == 1 && me % 64 == 0
      if throwsError {
        try? encoder.error(
          id: me, type: "Odd", description: "Odd(\(me))", disposition: .propagated)
      }
      clock += 31
      try? encoder.return(id: me, timestamp: clock, result: withValues ? String(n) : nil)
      if encoder.bytes.count > 1 << 21 {
        encoder.drain { raw in total += write(fd, raw.baseAddress, raw.count) }
      }
      return throwsError
    }
    while Int(id) * 2 < events { emit(24, parent: nil) }
    encoder.end()
    encoder.drain { raw in total += write(fd, raw.baseAddress, raw.count) }
    close(fd)
    return (Int(id), total)
  }

  /// Counts events and folds their fields so the work cannot be optimised away.
  struct CountingVisitor: TraceVisitor {
    var events = 0
    var checksum: UInt64 = 0

    mutating func visitCall(
      id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
      flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
    ) {
      events += 1
      checksum &+= id &+ (parent ?? 0) &+ UInt64(site) &+ (timestamp ?? 0)
    }

    mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
      events += 1
      checksum &+= id &+ (timestamp ?? 0)
    }
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Best of `rounds` timings of `body`, in seconds.
  static func best(_ rounds: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
      let start = now()
      body()
      best = min(best, now() - start)
    }
    return best
  }

  /// `flowtrace-bench decode`: prints events/s of each path and the ratios.
  static func decode(events: Int = 10_000_000) {
    let path = "/tmp/flowtrace-bench-\(getpid()).ftrace"
    defer { unlink(path) }
    let generateStart = now()
    let (calls, size) = generate(events: events, to: path)
    let generateTime = now() - generateStart
    guard let file = try? TraceFile.open(path) else {
      print("decode: cannot open \(path)")
      return
    }
    let eventCount = calls * 2
    var tagCount = 0
    let scan = best(3) { tagCount = countByte(0x06, in: file.bytes) }
    var visited = CountingVisitor()
    let fastTiming = timed(5) {
      var visitor = CountingVisitor()
      _ = try? file.decodeBinary(into: &visitor)
      visited = visitor
    }
    let fast = fastTiming.wall
    var enumCount = 0
    let slow = best(1) {
      var count = 0
      _ = try? file.forEachEvent { _ in count += 1 }
      enumCount = count
    }
    let mb = Double(size) / 1e6
    print(
      "decode: \(eventCount) events, \(size) bytes (\(fmt(Double(size) / Double(calls))) bytes/call)"
    )
    print("  encode (generate)   \(rate(eventCount, generateTime)) events/s")
    print("  memchr baseline     \(fmt(mb / scan)) MB/s (found \(tagCount) 0x06 bytes)")
    print(
      "  visitor fast path   \(rate(eventCount, fast)) events/s, \(fmt(mb / fast)) MB/s, "
        + "\(fmt(fast / scan))× the memchr scan (saw \(visited.events), checksum \(visited.checksum % 1000)); "
        + "cpu \(rate(eventCount, fastTiming.cpu)) events/s"
    )
    print(
      "  TraceEvent path     \(rate(eventCount, slow)) events/s, \(fmt(slow / fast))× the fast path "
        + "(saw \(enumCount))")
  }

  /// The fastest possible pass over the bytes: memchr for one byte value, counting hits.
  static func countByte(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
    guard var p = bytes.baseAddress else { return 0 }
    let end = p + bytes.count
    var count = 0
    while p < end, let hit = memchr(p, Int32(byte), end - p) {
      count += 1
      p = UnsafeRawPointer(hit) + 1
    }
    return count
  }

  static func rate(_ count: Int, _ seconds: Double) -> String {
    fmt(Double(count) / seconds / 1e6) + " M"
  }

  static func fmt(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return String(scaled)
  }
}
