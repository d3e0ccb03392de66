import FlowTrace
import Glibc

/// Session helpers shared by the runtime tests.
enum Run {
  /// The traced functions of these tests: other suites in this process trace their own
  /// functions concurrently, so every runtime test admits only these.
  static let ours = [
    "fib", "fib2", "compute", "a", "b", "boom", "catcher", "outer", "parse", "apply", "echo",
    "note", "leaf", "fanOut", "asyncBoom", "asyncCatcher", "spawnTask",
  ]

  /// Default configuration, tracing only this suite's functions.
  static func reset() {
    FlowTrace.resetConfig()
    FlowTrace.config(include: ours)
  }

  /// The events of this suite's functions (other suites' calls may slip into a session
  /// while the configuration is being reset).
  static func own(_ events: [CallEvent]) -> [CallEvent] {
    events.filter { ours.contains($0.qualifiedName) }
  }

  /// `withTracing` for async bodies, keeping this suite's events only.
  static func ownAsync(
    showArgs: Bool? = false, showResult: Bool? = true, showTiming: Bool? = false,
    _ body: () async -> Void
  ) async -> [CallEvent] {
    own(await withTracing(showArgs: showArgs, showResult: showResult, showTiming: showTiming, body))
  }

  /// True for a printed tree line of one of this suite's functions (or any other line).
  static func isOwnLine(_ line: Substring) -> Bool {
    let text = line.drop { $0 == " " }
    guard let first = text.first, "→←↯".contains(first) else { return true }
    let name = text.dropFirst(2).prefix { $0 != "(" }
    return ours.contains(String(name))
  }

  /// Runs `body` in a session whose flags inherit the configuration (as autoPrint would).
  static func tree(_ body: () throws -> Void) rethrows -> String {
    let events = try withTracing(showArgs: nil, showResult: nil, showTiming: nil, body)
    return treeText(own(events))
  }

  /// Replaces every `[0.000123s]` with `[T]`.
  static func untimed(_ text: String) -> String {
    text.replacing(/\[\d+\.\d{6}s\]/, with: "[T]")
  }

  /// Captures what the process writes to standard output (fd 1) while `body` runs.
  static func standardOutput(_ body: () -> Void) -> String {
    fflush(nil)
    var path = Array("/tmp/flowtrace-stdout-XXXXXX".utf8CString)
    let file = mkstemp(&path)
    let saved = dup(1)
    dup2(file, 1)
    body()
    fflush(nil)
    dup2(saved, 1)
    close(saved)
    lseek(file, 0, SEEK_SET)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(file, &buffer, buffer.count)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    close(file)
    unlink(path.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    // Other test targets run in this process and report progress on stdout: drop their lines.
    let text = String(decoding: bytes, as: UTF8.self)
    let markers: [Character] = ["◇", "✔", "✘", "↳", "􀟈", "􁁛", "􀢄", "􀄣"]
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
      guard let first = line.first else { return true }
      return !markers.contains(first) && isOwnLine(line)
    }
    return kept.joined(separator: "\n")
  }
}
