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
      "  TreeTextPrinter           \(rate(out.lines, printing)) lines/s, "
        + "\(fmt(printing / decodeOnly))× decoding alone")
    if let command = siblingExecutable("flowtrace") {
      let cli = best(2) { _ = run([command, "print", path]) }
      print(
        "  flowtrace print > null    \(rate(out.lines, cli)) lines/s, "
          + "\(fmt(cli / decodeOnly))× decoding alone (fast path)")
    } else {
      print("  flowtrace print: no flowtrace binary next to this one (build it with -c release)")
    }
  }

  /// The path of `name` in this executable's directory, if it is there.
  static func siblingExecutable(_ name: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let exe = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = exe.lastIndex(of: "/") else { return nil }
    let path = exe[..<slash] + "/" + name
    return access(path, X_OK) == 0 ? String(path) : nil
  }

  /// Runs `argv` with standard output sent to /dev/null; returns its exit status.
  static func run(_ argv: [String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for arg in cArgs { free(arg) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return status
  }
}
