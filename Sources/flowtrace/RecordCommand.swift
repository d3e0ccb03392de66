import ArgumentParser
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace record [-o FILE] -- CMD ARGS…` or `flowtrace record --attach PID [-o FILE]`.
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract:
      "Run a program built with FlowTrace with FLOWTRACE_OUT set, and say where the trace went.",
    discussion: """
      The program's exit status becomes flowtrace's. With --attach PID, records a running
      program of yours instead, until Ctrl-C (or SIGTERM) or until the program ends.
      """)

  @Option(name: .shortAndLong, help: "The trace file (default: ./<program>.ftrace).")
  var output: String?

  @Option(help: "Record from this running program (built with FlowTrace) instead.")
  var attach: Int32?

  @Argument(parsing: .postTerminator, help: "The program and its arguments (after --).")
  var command: [String] = []

  func validate() throws {
    if attach != nil {
      guard command.isEmpty else { throw ValidationError("--attach takes no program to run.") }
      return
    }
    guard !command.isEmpty else { throw ValidationError("Give the program to run after --.") }
  }

  func run() throws {
    var status: Int32 = 0
    defer { if status != 0 { Self.exit(withError: ExitCode(status)) } }
    try reportingErrors {
      if let attach {
        let path = absolute(output ?? "pid-\(attach).ftrace")
        let (calls, ended) = try RecordAttach.run(pid: attach, to: path)
        let how = ended ? "the program ended" : "detached"
        printError("flowtrace: \(how); trace written to \(path): \(calls) calls")
        return
      }
      let program = command[0]
      let base = program.split(separator: "/").last.map(String.init) ?? program
      let path = absolute(output ?? "\(base).ftrace")
      unlink(path)
      status = try spawnAndWait(command, environment: ["FLOWTRACE_OUT": path])
      guard let file = try? TraceFile.open(path) else {
        throw CLIError(
          "\(program) wrote no trace to \(path) (is it built with FlowTrace and @Trace?)")
      }
      var calls = 0
      var note = ""
      do {
        try file.forEachEvent { if case .call = $0 { calls += 1 } }
      } catch {
        note = " (unreadable after \(calls) calls: \(error))"
      }
      printError(
        "flowtrace: trace written to \(path): \(file.bytes.count) bytes, \(calls) calls\(note)")
    }
  }

  private func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    let cwd = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    return cwd == "/" ? "/" + path : cwd + "/" + path
  }

  /// Runs `argv` with `environment` added; returns its exit status (128 + signal if killed).
  private func spawnAndWait(_ argv: [String], environment: [String: String]) throws(CLIError)
    -> Int32
  {
    var env = [String]()
    var index = 0
    while let entry = environ[index] {
      let text = String(cString: entry)
      if !environment.keys.contains(where: { text.hasPrefix($0 + "=") }) { env.append(text) }
      index += 1
    }
    for (key, value) in environment { env.append("\(key)=\(value)") }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup($0) } + [nil]
    defer {
      for arg in cArgs { free(arg) }
      for entry in cEnv { free(entry) }
    }
    var pid: pid_t = 0
    let previous = signal(SIGINT, SIG_IGN)
    defer { signal(SIGINT, previous) }
    let rc = posix_spawnp(&pid, argv[0], nil, nil, cArgs, cEnv)
    guard rc == 0 else { throw CLIError("\(argv[0]): \(String(cString: strerror(rc)))") }
    var wstatus: Int32 = 0
    while waitpid(pid, &wstatus, 0) < 0 {
      guard errno == EINTR else {
        throw CLIError("waiting for \(argv[0]): \(String(cString: strerror(errno)))")
      }
    }
    let signalNumber = wstatus & 0x7F
    if signalNumber == 0 { return (wstatus >> 8) & 0xFF }
    printError("flowtrace: \(argv[0]) was killed by signal \(signalNumber)")
    return 128 + signalNumber
  }
}
