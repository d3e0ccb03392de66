import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

extension WireBench {
  /// Counts bytes and lines written, discarding them.
  struct DiscardingStream: TextOutputStream {
    var bytes = 0
    var lines = 0

    mutating func write(_ string: String) {
      bytes += string.utf8.count
      // The printer writes whole lines, many per write.
      for byte in string.utf8 where byte == 0x0A { lines += 1 }
    }
  }

  /// `flowtrace-bench print`: tree text lines/s for a generated file of `events` events with
  /// an Int argument and result per call, against decoding alone (the `TraceEvent` path).
  static func printTree(events: Int = 4_000_000) {
    let path = "/tmp/flowtrace-bench-print-\(getpid()).ftrace"
    defer { unlink(path) }
    _ = generate(events: events, to: path, withValues: true)
    guard let file = try? TraceFile.open(path) else {
      print("print: cannot open \(path)")
      return
    }
    var decoded = 0
    let decodeOnly = best(2) {
      var count = 0
      _ = try? file.forEachEvent { _ in count += 1 }
      decoded = count
    }
    var out = DiscardingStream()
    let printing = best(2) {
      var printer = TreeTextPrinter()
      var stream = DiscardingStream()
      _ = try? file.forEachEvent { printer.consume($0, to: &stream) }
      printer.finish(to: &stream)
      out = stream
    }
    print("print: \(decoded) events → \(out.lines) lines, \(out.bytes) bytes of text")
    print("  decode only (TraceEvent)  \(rate(decoded, decodeOnly)) events/s")
    print(
      "  decode + tree text        \(rate(out.lines, printing)) lines/s, "
        + "\(fmt(printing / decodeOnly))× decoding alone")
  }
}
