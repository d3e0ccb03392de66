import FlowTraceWire
import Glibc

/// `import`: a generated viztracer-shaped Chrome trace (X events written as calls end, with
/// `func_args` and `return_value`) read by the streaming importer. Baseline in the same run:
/// reading the same file in the same 4 MB windows with a byte sum (what any reader pays).
/// Timed: the streaming parse alone, then the whole import but the disk write (parse, collect,
/// nest by time, encode every event). Not timed: generating the file. `flowtrace import` is
/// timed whole with /usr/bin/time (Benchmarks/README.md). Peak RSS shows the JSON is never
/// held whole.
enum ImportBench {
  static func run(events: Int = 2_000_000) {
    let path = "/tmp/flowtrace-bench-import.json"
    let size = generate(path: path, events: events)
    defer { unlink(path) }
    print("import: \(events) events, \(size >> 20) MB of viztracer-shaped JSON")
    let base = times { _ = readAll(path) }
    let parse = times { precondition((try? parseOnly(path)) == events + 1) }  // + thread name
    let whole = times { precondition((try? importWhole(path)) == events) }
    report("read the file (baseline)", base, events, baseline: base)
    report("parse events", parse, events, baseline: base)
    report("parse, nest, encode (the whole import)", whole, events, baseline: base)
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    print("  peak RSS \(usage.ru_maxrss >> 10) MB for a \(size >> 20) MB file")
    runUftrace(records: events)
  }

  /// Parses every event; returns how many.
  static func parseOnly(_ path: String) throws -> Int {
    var reader = ChromeTraceReader(source: path)
    var count = 0
    try reader.read { _ in count += 1 }
    return count
  }

  /// Imports the file as `flowtrace import --from chrome` does, without writing the output:
  /// parse, collect, nest, emit every event to the binary encoder; returns the call count.
  static func importWhole(_ path: String) throws -> Int {
    var reader = ChromeTraceReader(source: path)
    var builder = ChromeTraceBuilder(source: path)
    try reader.read { (event) throws(TraceFormatError) in try builder.add(event) }
    try builder.finish()
    precondition(encodedSize(builder) > 0)
    return builder.callCount
  }

  /// Emits what `builder` holds to the binary encoder (bytes counted, not written); returns
  /// the encoded size.
  static func encodedSize(_ builder: ChromeTraceBuilder) -> Int {
    var encoder = TraceEncoder()
    encoder.header(builder.headers(merge: true)[0])
    var bytes = 0
    builder.emit(merge: true) { _, event in
      try? encoder.encode(event)
      if encoder.bytes.count >= 1 << 16 { bytes += encoder.takeBytes().count }
    }
    encoder.end()
    return bytes + encoder.takeBytes().count
  }

  /// Median, best and worst of five runs, in ns.
  static func times(_ body: () -> Void) -> (median: Double, best: Double, worst: Double) {
    var runs: [Double] = []
    for _ in 0..<5 { runs.append(BenchClock.best(runs: 1, body)) }
    runs.sort()
    return (runs[2], runs[0], runs[4])
  }

  static func report(
    _ what: String, _ t: (median: Double, best: Double, worst: Double), _ events: Int,
    baseline: (median: Double, best: Double, worst: Double)
  ) {
    let rate = Double(events) / (t.median / 1e9) / 1e6
    let ms = { (v: Double) in String(Int(v / 1e6)) }
    print(
      "  \(what): median \(ms(t.median)) ms (best \(ms(t.best)), worst \(ms(t.worst))), "
        + "\(tenths(rate)) M events/s, \(tenths(t.median / baseline.median))x the read"
    )
  }

  /// `v` with one decimal (`1.4`).
  static func tenths(_ v: Double) -> String {
    let t = Int((v * 10).rounded())
    return "\(t / 10).\(t % 10)"
  }

  static func readAll(_ path: String) -> UInt64 {
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4 << 20)
    var sum: UInt64 = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      for i in stride(from: 0, to: n, by: 64) { sum &+= UInt64(buffer[i]) }
    }
    return sum
  }

  /// Writes `events` fib-shaped X events, children before parents; returns the size.
  static func generate(path: String, events: Int) -> Int {
    let file = fopen(path, "w")
    defer { fclose(file) }
    var out = "{\"traceEvents\": [\n"
    out +=
      #"{"ph": "M", "pid": 1, "tid": 1, "name": "thread_name", "args": {"name": "MainThread"}}"#
    var size = 0
    var written = 0
    var clock = 1_000_000_000
    // Depth-first fib(n) trees until `events` calls are out; each written when it ends.
    func call(_ n: Int) -> Int {
      let start = clock
      clock += 7
      let value = n < 2 ? n : call(n - 1) + call(n - 2)
      clock += 5
      if written < events {
        out +=
          ",\n{\"pid\": 1, \"tid\": 1, \"ts\": \(start / 1000).\(pad(start % 1000)), \"ph\": \"X\", "
        out +=
          "\"cat\": \"fee\", \"dur\": \((clock - start) / 1000).\(pad((clock - start) % 1000)), "
        out += "\"name\": \"fib (/app/fib.py:3)\", \"args\": {\"func_args\": {\"n\": \"\(n)\"}, "
        out += "\"return_value\": \"\(value)\"}}"
        written += 1
        if out.utf8.count > 1 << 20 {
          size += out.utf8.count
          fputs(out, file)
          out = ""
        }
      }
      return value
    }
    while written < events { _ = call(20) }
    out += "\n]}\n"
    size += out.utf8.count
    fputs(out, file)
    return size
  }

  static func pad(_ v: Int) -> String {
    v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)"
  }
}
