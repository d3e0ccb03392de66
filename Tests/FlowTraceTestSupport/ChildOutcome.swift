/// How a child process ended, judged the same way by every test that runs one (the CLI, the
/// demo program): a sanitizer report on its stderr or a death by signal is always a failure,
/// and so is any exit status but the one the test expects. Under the sanitizers a child's
/// report would otherwise vanish with its piped-away stderr, or hide behind an exit status
/// no test looks at.
public struct ChildOutcome: Sendable, Equatable {
  /// The exit status, or the signal number when `signalled`.
  public var status: Int32
  /// The child was killed by a signal.
  public var signalled: Bool
  /// Everything the child wrote to stderr.
  public var stderr: String

  /// An outcome as `Process` reports it.
  public init(status: Int32, signalled: Bool, stderr: String) {
    self.status = status
    self.signalled = signalled
    self.stderr = stderr
  }

  /// What is wrong with this outcome, one line each; empty when the child exited with
  /// `expected` and wrote no sanitizer report.
  public func problems(expecting expected: Int32) -> [String] {
    var problems: [String] = []
    if signalled {
      problems.append("the child was killed by signal \(status)")
    } else if status != expected {
      problems.append("the child exited with status \(status), not \(expected)")
    }
    let reports = stderr.split(separator: "\n").filter { line in
      ChildOutcome.sanitizerMarkers.contains { line.contains($0) }
    }
    if let first = reports.first {
      problems.append("the child wrote a sanitizer report: \(first)")
    }
    return problems
  }

  /// What each sanitizer's report starts with (ASan, TSan, LSan, UBSan; `==PID==ERROR:` or
  /// `WARNING:` before the name).
  static let sanitizerMarkers = [
    "AddressSanitizer", "ThreadSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
    "MemorySanitizer",
  ]
}
