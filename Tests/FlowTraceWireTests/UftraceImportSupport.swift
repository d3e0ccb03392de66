import FlowTraceWire
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A uftrace data directory built by hand in a temporary directory: an `info` file with
/// argument specs, `task.txt`, one session's map and symbol file, `.dat` files of records.
struct UftraceFixture {
  let path: String
  /// The program's load address; its symbols: `main` 0x1000, `fib` 0x1100, `add` 0x1200,
  /// `greet` 0x1300, `__func_end` 0x1400.
  static let base: UInt64 = 0x5555_0000_0000
  static func address(_ name: String) -> UInt64 {
    base + ["main": 0x1000, "fib": 0x1100, "add": 0x1200, "greet": 0x1300][name, default: 0x9000]
  }

  init(
    argumentSpec: String = "fib@arg1;add@arg1/d32,arg2/x;greet@arg1/s,arg2/c,fparg1",
    returnSpec: String = "fib@retval;greet@retval/s"
  ) {
    var template = Array("/tmp/ft-uftrace-XXXXXX".utf8CString)
    path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    var info = Array("Ftrace!".utf8) + [0]
    info += [4, 0, 0, 0, 40, 0, 1, 2] + [UInt8](repeating: 0, count: 24)
    info += Array(
      """
      exename:/tmp/app
      exit_status:0
      argspec:lines=2
      argspec:\(argumentSpec)
      retspec:\(returnSpec)
      pattern_type:regex

      """.utf8)
    write("info", info)
    write(
      "task.txt",
      """
      SESS timestamp=1.000000000 pid=100 sid=abc exename="/tmp/app"
      TASK timestamp=1.000000001 tid=100 pid=100
      TASK timestamp=1.000000002 tid=101 pid=100

      """)
    write(
      "sid-abc.map",
      "555500000000-555500002000 r-xp 00000000 00:00 0          /tmp/app build-id:00\n")
    write(
      "app.sym",
      """
      # symbols: 4
      # path name: /tmp/app
      0000000000001000 T main
      0000000000001100 T fib
      0000000000001200 T add
      0000000000001300 T greet
      0000000000001400 ? __func_end

      """)
  }

  func write(_ name: String, _ text: String) { write(name, Array(text.utf8)) }

  func write(_ name: String, _ bytes: [UInt8]) {
    let file = fopen(path + "/" + name, "w")
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
  }

  func remove(_ name: String) { unlink(path + "/" + name) }

  /// Bytes of one record, then its values.
  static func record(
    _ kind: UInt64, _ name: String, time: UInt64, depth: Int, magic: UInt64 = 5,
    data: [UInt8] = [], address: UInt64? = nil
  ) -> [UInt8] {
    let bits =
      kind | (data.isEmpty ? 0 : 4) | magic << 3 | UInt64(depth) << 6
      | (address ?? Self.address(name)) << 16
    return le(time) + le(bits) + data
  }

  static func entry(_ name: String, _ time: UInt64, _ depth: Int, _ data: [UInt8] = [])
    -> [UInt8]
  { record(0, name, time: time, depth: depth, data: data) }

  static func exit(_ name: String, _ time: UInt64, _ depth: Int, _ data: [UInt8] = [])
    -> [UInt8]
  { record(1, name, time: time, depth: depth, data: data) }

  static func le(_ v: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
  }

  /// A string value: 2-byte length, bytes, padding to 4.
  static func string(_ s: String) -> [UInt8] {
    let bytes = Array(s.utf8)
    var out = [UInt8(bytes.count & 0xff), UInt8(bytes.count >> 8)] + bytes
    while out.count % 4 != 0 { out.append(0) }
    return out
  }

  /// Values padded to 8 bytes, as a record's data.
  static func data(_ parts: [UInt8]...) -> [UInt8] {
    var out = parts.flatMap { $0 }
    while out.count % 8 != 0 { out.append(0) }
    return out
  }

  /// Imports the directory: events of the merged trace, or the error.
  func run() throws(TraceFormatError) -> (run: ImportedEvents, notes: [String]) {
    var reader = try UftraceDataReader(directory: path)
    var builder = ChromeTraceBuilder(source: path)
    try reader.read(into: &builder)
    try builder.finish()
    var events: [TraceEvent] = []
    builder.emit(merge: true) { _, event in events.append(event) }
    return (ImportedEvents(events: events), reader.notes + builder.notes)
  }

  /// The error of importing, which must fail.
  func error(sourceLocation: SourceLocation = #_sourceLocation) -> TraceFormatError {
    do {
      _ = try run()
    } catch {
      return error
    }
    Issue.record("the import did not fail", sourceLocation: sourceLocation)
    return TraceFormatError(offset: -1, message: "")
  }

  func cleanUp() {
    for name in ["info", "task.txt", "sid-abc.map", "app.sym", "100.dat", "101.dat"] {
      remove(name)
    }
    rmdir(path)
  }
}
