import FlowTraceText
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

  /// One way of printing the bench trace: `flowtrace print` options.
  struct PrintCase {
    var label: String
    var arguments: [String]
    var options = TreeTextOptions()
    var selection = TreeTextSelection()
  }

  static let printCases: [PrintCase] = [
    PrintCase(label: "no options", arguments: []),
    PrintCase(
      label: "--color always", arguments: ["--color", "always"],
      options: TreeTextOptions(color: true)),
    PrintCase(
      label: "--depth 12", arguments: ["--depth", "12"], options: TreeTextOptions(maxDepth: 12)),
    PrintCase(
      label: "--include 'f*'", arguments: ["--include", "f*"],
      selection: TreeTextSelection(include: [Glob("f*")])),
    PrintCase(
      label: "--exclude 'x*'", arguments: ["--exclude", "x*"],
      selection: TreeTextSelection(exclude: [Glob("x*")])),
    PrintCase(
      label: "--errors", arguments: ["--errors"],
      selection: TreeTextSelection(errorsOnly: true)),
  ]

  /// Wall-clock and CPU seconds of one measurement (the machine is shared: CPU time shows
  /// the work, wall time what a user waits).
  struct Timing {
    var wall = Double.infinity
    var cpu = Double.infinity

    /// Keeps the smaller of each.
    mutating func merge(_ other: Timing) {
      wall = min(wall, other.wall)
      cpu = min(cpu, other.cpu)
    }
  }

  static func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Best wall and best CPU time of `rounds` runs of `body`.
  static func timed(_ rounds: Int, _ body: () -> Void) -> Timing {
    var result = Timing()
    for _ in 0..<rounds {
      let (wall, cpu) = (now(), cpuNow())
      body()
      result.merge(Timing(wall: now() - wall, cpu: cpuNow() - cpu))
    }
    return result
  }

  /// `flowtrace-bench print`: tree text lines/s for generated files of about `events` events
  /// with an Int argument, result and timing per call (and an error every 64 fib(1) calls):
  /// one thread, then 4 threads interleaving their fib trees; for every option of `flowtrace
  /// print`, in process and through the CLI; baseline: decoding the same file through the
  /// visitor, in the same run.
  static func printTree(events: Int = 4_000_000) {
    let path = "/tmp/flowtrace-bench-print-\(getpid()).ftrace"
    defer { unlink(path) }
    _ = generate(events: events, to: path, withValues: true, withErrors: true)
    printTree(path: path, label: "1 thread")
    _ = generateInterleaved(events: events, threads: 4, to: path)
    printTree(path: path, label: "4 threads interleaved")
  }

  static func printTree(path: String, label: String) {
    guard let file = try? TraceFile.open(path) else {
      print("print: cannot open \(path)")
      return
    }
    var visited = CountingVisitor()
    let decode = timed(3) {
      var visitor = CountingVisitor()
      _ = try? file.decodeBinary(into: &visitor)
      visited = visitor
    }
    print("print, \(label): \(visited.events) events, \(file.bytes.count / 1_000_000) MB")
    print(
      "  decode only (visitor)  wall \(rate(visited.events, decode.wall)) events/s, "
        + "cpu \(rate(visited.events, decode.cpu)) events/s = 1.00×")
    let cli = siblingExecutable("flowtrace")
    for printCase in printCases {
      var lines = 0
      var bytes = 0
      let fast =
        (try? TreeTextPrinter.printSequence(
          binary: file.bytes, options: printCase.options, selection: printCase.selection
        ) { block in
          lines += countByte(0x0A, in: block)
          bytes += block.count
          return true
        }) ?? false
      if !fast { print("  \(printCase.label): the fast printer declined this trace") }
      let time = timed(3) {
        var sum = 0
        _ = try? TreeTextPrinter.printSequence(
          binary: file.bytes, options: printCase.options, selection: printCase.selection
        ) { block in
          sum &+= block.count
          return true
        }
      }
      print(
        "  \(printCase.label.padding(15)) \(lines) lines, \(bytes / 1_000_000) MB: "
          + "wall \(rate(lines, time.wall)) lines/s (\(fmt(time.wall / decode.wall))× decode), "
          + "cpu \(rate(lines, time.cpu)) lines/s (\(fmt(time.cpu / decode.cpu))× decode, "
          + "\(rate(visited.events, time.cpu)) events/s)")
      if let cli {
        var process = Timing()
        for _ in 0..<2 { process.merge(run([cli, "print", path] + printCase.arguments).time) }
        print(
          "    flowtrace print \(printCase.arguments.joined(separator: " ")) > /dev/null: "
            + "wall \(rate(lines, process.wall)) lines/s, cpu \(rate(lines, process.cpu)) lines/s")
      }
    }
    if cli == nil {
      print("  (no flowtrace binary next to this one: build it with -c release for CLI figures)")
    }
    // The general printer (interleaved threads, losses), on the same events.
    var out = DiscardingStream()
    let general = timed(1) {
      var printer = TreeTextPrinter()
      var stream = DiscardingStream()
      _ = try? file.forEachEvent { printer.consume($0, to: &stream) }
      printer.finish(to: &stream)
      out = stream
    }
    print(
      "  general TreeTextPrinter (TraceEvents) \(out.lines) lines: "
        + "wall \(rate(out.lines, general.wall)) lines/s (\(fmt(general.wall / decode.wall))× decode), "
        + "cpu \(rate(out.lines, general.cpu)) lines/s (\(fmt(general.cpu / decode.cpu))× decode)")
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

  /// Runs `argv` with standard output sent to /dev/null; returns its exit status and times.
  static func run(_ argv: [String]) -> (status: Int32, time: Timing) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for arg in cArgs { free(arg) } }
    var pid: pid_t = 0
    let start = now()
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else {
      return (-1, Timing())
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (status, Timing(wall: now() - start, cpu: cpu))
  }
}
