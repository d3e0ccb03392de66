/// What a viewer and a traced program say on an attach socket before the trace stream: the
/// viewer sends one request line, the program answers one line.
///
/// - `attach\n` → `ok\n` followed by the trace stream until either side closes, or
///   `busy PID\n` when another viewer (process PID) is attached.
/// - `status\n` → `status\tPID\tSTART_WALL_NS\tCALLS\tPROGRAM\n`, then the program closes.
package enum AttachProtocol {
  package static let attachRequest = "attach\n"
  package static let statusRequest = "status\n"
  package static let accepted = "ok"
  package static let busy = "busy"
  /// The longest line either side reads.
  package static let maxLine = 1024

  /// What `status` tells about a program.
  package struct Status: Sendable, Equatable {
    package var pid: Int32
    /// When the program started, ns since the Unix epoch.
    package var startWallNanos: Int64
    /// Calls recorded so far (while tracing was on).
    package var calls: UInt64
    package var program: String

    package init(pid: Int32, startWallNanos: Int64, calls: UInt64, program: String) {
      self.pid = pid
      self.startWallNanos = startWallNanos
      self.calls = calls
      self.program = program
    }

    /// The reply line (tabs and line breaks in the program's name become spaces).
    package var line: String {
      let name = String(program.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
      return "status\t\(pid)\t\(startWallNanos)\t\(calls)\t\(name)\n"
    }

    /// Parses a reply line (without its newline); nil when it is not one.
    package init?(line: Substring) {
      let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
      guard fields.count == 5, fields[0] == "status", let pid = Int32(fields[1]),
        let start = Int64(fields[2]), let calls = UInt64(fields[3])
      else { return nil }
      self.init(pid: pid, startWallNanos: start, calls: calls, program: String(fields[4]))
    }
  }
}
