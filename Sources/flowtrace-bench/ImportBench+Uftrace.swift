import FlowTraceWire
import Glibc

/// `import`, uftrace part: a generated `uftrace.data` directory (one thread of fib-shaped
/// entry/exit records, each with its `-A fib@arg1` argument or `-R fib@retval` value) read
/// by `UftraceDataReader`. Baseline in the same run: reading the `.dat` file with a byte sum.
/// Timed: reading, resolving and nesting (`read` + `finish`), then the same plus handing every
/// event to the binary encoder (the whole import but the disk write). Not timed: generating.
extension ImportBench {
  static func runUftrace(records: Int) {
    let dir = "/tmp/flowtrace-bench-uftrace.data"
    let size = generateUftrace(dir: dir, records: records)
    defer { _ = system("rm -rf " + dir) }
    print("import --from uftrace: \(records) records, \(size >> 20) MB of .dat")
    let base = times { _ = readAll(dir + "/1.dat") }
    let nest = times { precondition(readUftrace(dir, encode: false) == records / 2) }
    let whole = times { precondition(readUftrace(dir, encode: true) == records / 2) }
    report("read the .dat file (baseline)", base, records, baseline: base)
    report("read, resolve, nest", nest, records, baseline: base)
    report("read, resolve, nest, encode", whole, records, baseline: base)
  }

  /// Imports `dir`; returns the number of calls.
  static func readUftrace(_ dir: String, encode: Bool) -> Int {
    guard var reader = try? UftraceDataReader(directory: dir) else { return -1 }
    var builder = ChromeTraceBuilder(source: dir)
    guard (try? reader.read(into: &builder)) != nil, (try? builder.finish()) != nil else {
      return -1
    }
    if encode { precondition(encodedSize(builder) > 0) }
    return builder.callCount
  }

  /// Writes the directory; returns the size of its `.dat` file.
  static func generateUftrace(dir: String, records: Int) -> Int {
    _ = system("rm -rf \(dir) && mkdir -p \(dir)")
    func write(_ name: String, _ bytes: [UInt8]) {
      let file = fopen(dir + "/" + name, "w")
      _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
      fclose(file)
    }
    var info = Array("Ftrace!".utf8) + [0, 4, 0, 0, 0, 40, 0, 1, 2]
    info += [UInt8](repeating: 0, count: 24)
    info += Array("exename:/bench/app\nargspec:fib@arg1\nretspec:fib@retval\n".utf8)
    write("info", info)
    write(
      "task.txt",
      Array(
        "SESS timestamp=1.0 pid=1 sid=b exename=\"/bench/app\"\nTASK timestamp=1.0 tid=1 pid=1\n"
          .utf8))
    write("sid-b.map", Array("400000-500000 r-xp 00000000 00:00 0 /bench/app\n".utf8))
    write(
      "app.sym",
      Array("0000000000001000 T main\n0000000000001100 T fib\n0000000000001200 ? __func_end\n".utf8)
    )
    let fib: UInt64 = 0x400000 + 0x1110
    var out: [UInt8] = []
    out.reserveCapacity(records * 24)
    var clock: UInt64 = 1_000_000_000
    var written = 0
    func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    func record(_ kind: UInt64, depth: Int, value: Int) {
      put(clock)
      put(kind | 4 | 5 << 3 | UInt64(depth) << 6 | fib << 16)
      put(UInt64(value))
      clock += 7
      written += 1
    }
    // Depth-first fib(n) trees until `records` are out (entries and exits paired).
    func call(_ n: Int, _ depth: Int) -> Int {
      record(0, depth: depth, value: n)
      let value = n < 2 ? n : call(n - 1, depth + 1) + call(n - 2, depth + 1)
      record(1, depth: depth, value: value)
      return value
    }
    while written + 2 * 21_891 <= records { _ = call(20, 0) }
    while written + 2 <= records { _ = call(0, 0) }
    write("1.dat", out)
    return out.count
  }
}
