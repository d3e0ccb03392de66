import ArgumentParser
import FlowTrace
import FlowTraceDemo
import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace-tui FILE | --listen [PATH] | --attach [PID] | --demo  [--theme T] [--ascii]
/// [--filter EXPR]`.
struct FlowTraceTUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowtrace-tui",
    abstract: "Explore a FlowTrace trace in the terminal: a recorded file, or live programs.",
    discussion: """
      Keys: j/k move, h/l fold, / search, \\ filter, Tab detail pane, ? help, q quit.
      Live (--listen, --demo): F follow on/off, G newest call, w save to files.
      Run your program with FLOWTRACE_SOCKET=<path> to stream it to a listening viewer,
      or attach to one already running with --attach PID (quitting detaches).
      Themes: default, light, solarized-dark, mono, high-contrast, or a file path.
      NO_COLOR in the environment keeps attributes only.
      """)

  @Argument(help: "The trace file to open (binary or JSON Lines).")
  var file: String?

  @Option(
    help: ArgumentHelp(
      "Listen on a Unix socket for live programs (PATH optional; default "
        + "$XDG_RUNTIME_DIR/flowtrace.sock, else /tmp/flowtrace-$UID/flowtrace.sock).",
      valueName: "path"))
  var listen: String?

  @Flag(help: "Start a private listener and the bundled demo program streaming to it.")
  var demo = false

  @Option(
    help: ArgumentHelp(
      "Attach to a running traced program of yours (PID optional: without it, pick one from "
        + "a list). Quitting detaches; the program carries on.",
      valueName: "pid"))
  var attach: String?

  @Option(help: "Theme name or path to a theme file.")
  var theme: String = "default"

  @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
  var ascii = false

  @Option(help: "Start with a filter, e.g. \"fib -parse* >1ms err depth:5 thread:3\".")
  var filter: String?

  @Option(
    help: ArgumentHelp(
      "Compare FILE with this trace: one tree with - (only in FILE), + (only here) and ~ "
        + "(changed) marks; d/D jump between differences, v shows only them.",
      valueName: "file"))
  var diff: String?

  func validate() throws {
    let modes = [file != nil, listen != nil, demo, attach != nil].filter { $0 }.count
    if modes == 0 {
      throw ValidationError("give a trace FILE, --listen [PATH], --attach [PID] or --demo")
    }
    if modes > 1 {
      throw ValidationError("FILE, --listen, --attach and --demo exclude each other")
    }
    if let attach, !attach.isEmpty, Int32(attach).map({ $0 > 0 }) != true {
      throw ValidationError("--attach: '\(attach)' is not a process id")
    }
    if diff != nil && file == nil { throw ValidationError("--diff needs a trace FILE") }
  }

  func run() throws {
    let status: Int32
    if let file {
      status = Launcher.run(
        LaunchOptions(path: file, theme: theme, ascii: ascii, filter: filter, diff: diff))
    } else if let attach, attach.isEmpty {
      status = AttachPicker.run(theme: theme, ascii: ascii, filter: filter)
    } else {
      status = LiveLauncher.run(
        LiveLaunchOptions(
          listen: listen, demo: demo, theme: theme, ascii: ascii, filter: filter,
          attach: attach.flatMap { Int32($0) }))
    }
    if status != 0 { throw ExitCode(status) }
  }
}

var arguments = Array(CommandLine.arguments.dropFirst())
// Hidden: the demo program that `--demo` starts, streaming to FLOWTRACE_SOCKET.
if arguments.first == LiveDemo.childFlag {
  if let value = getenv("FLOWTRACE_SOCKET") {
    // Stream from the start: the runtime opens FLOWTRACE_SOCKET only once a thread records,
    // which never happens while printing is off. Printing off; one connection.
    let path = String(cString: value)
    unsetenv("FLOWTRACE_SOCKET")
    setenv("FLOWTRACE_PRINT", "0", 1)
    FlowTrace.streamTrace(to: path)
  }
  runLive(seconds: arguments.dropFirst().first.flatMap(Double.init) ?? 15)
  exit(0)  // the runtime closes the stream at exit, with the exit status in its end record
}
// `--listen` without a path: an empty value stands for the default path; `--attach`
// without a pid for the picker.
for flag in ["--listen", "--attach"] {
  if let i = arguments.firstIndex(of: flag),
    i + 1 == arguments.count || arguments[i + 1].hasPrefix("-")
  {
    arguments.insert("", at: i + 1)
  }
}
FlowTraceTUICommand.main(arguments)
