import ArgumentParser
import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace-tui FILE [--theme T] [--ascii] [--filter EXPR]`.
struct FlowTraceTUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowtrace-tui",
    abstract: "Explore a recorded FlowTrace trace (binary or JSON Lines) in the terminal.",
    discussion: """
      Keys: j/k move, h/l fold, / search, \\ filter, Tab detail pane, ? help, q quit.
      Themes: default, light, solarized-dark, mono, high-contrast, or a file path.
      NO_COLOR in the environment keeps attributes only.
      """)

  @Argument(help: "The trace file to open.")
  var file: String

  @Option(help: "Theme name or path to a theme file.")
  var theme: String = "default"

  @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
  var ascii = false

  @Option(help: "Start with a filter, e.g. \"fib -parse* >1ms err depth:5 thread:3\".")
  var filter: String?

  func run() throws {
    let options = LaunchOptions(path: file, theme: theme, ascii: ascii, filter: filter)
    let status = Launcher.run(options)
    if status != 0 { throw ExitCode(status) }
  }
}

FlowTraceTUICommand.main()
