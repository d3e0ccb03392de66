import FlowTraceExplorer

extension ProgramEnd {
  /// How the end reads on the program's row, in the title and on the message line:
  /// `exited 0 after 12.4 s`, `killed by SIGKILL after 3.02 s`, `disconnected after 2.00 s`.
  package func text(ascii: Bool = false) -> String {
    let after = runTime.map { " after " + Units.duration($0, ascii: ascii) } ?? ""
    switch cause {
    case .exited(let status): return "exited \(status)\(after)"
    case .killed(let signal): return "killed by \(Self.signalName(signal))\(after)"
    case .ended: return "ended its trace\(after)"
    case .disconnected: return "disconnected\(after)"
    }
  }

  /// One word for counting ends in the title: `exited`, `killed`, `ended`, `disconnected`.
  package var word: String {
    switch cause {
    case .exited: "exited"
    case .killed: "killed"
    case .ended: "ended"
    case .disconnected: "disconnected"
    }
  }

  /// `SIGKILL` for 9 (Linux numbering), `signal 42` for one without a name.
  package static func signalName(_ signal: Int32) -> String {
    let names = [
      "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
      "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
      "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
      "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ]
    guard signal >= 1 && Int(signal) <= names.count else { return "signal \(signal)" }
    return names[Int(signal) - 1]
  }
}
