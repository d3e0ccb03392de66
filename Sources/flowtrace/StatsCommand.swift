import ArgumentParser
import FlowTraceText
import FlowTraceWire

/// `flowtrace stats FILE`.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Summarise a trace: counts, and the top functions by calls, total and self time.")

  @Argument(help: "The trace file (binary or JSON Lines).")
  var file: String

  @Option(help: "How many functions each ranking lists.")
  var top = 10

  func run() throws {
    try reportingErrors {
      let input = try TraceInput(path: file)
      var stats = TraceStatistics()
      var failure: TraceFormatError?
      var header: TraceHeader?
      do throws(TraceFormatError) {
        header = try input.forEachEvent { stats.consume($0) }
      } catch {
        failure = error
      }
      let out = OutputStream()
      try out.write(
        report(stats, header: header, format: input.file.format, size: input.file.bytes.count))
      try out.flush()
      if let failure { throw failure }
    }
  }

  private func report(
    _ stats: TraceStatistics, header: TraceHeader?, format: TraceFileFormat, size: Int
  ) -> String {
    var lines: [String] = []
    let kind = format == .binary ? "binary" : "JSON Lines"
    lines.append("trace     \(file) (\(kind), \(size) bytes)")
    if let header {
      let args = header.arguments.isEmpty ? "" : " " + header.arguments.joined(separator: " ")
      lines.append("program   \(header.program)\(args) (pid \(header.pid))")
    }
    lines.append(
      "events    \(stats.events)\(stats.isEnded ? "" : " (no end record: the program did not finish tracing)")"
    )
    lines.append(
      "calls     \(stats.calls)\(stats.openAtEnd > 0 ? " (\(stats.openAtEnd) still open)" : "")")
    lines.append("threads   \(stats.threads.count)")
    lines.append("tasks     \(stats.tasks.count)")
    let errors = stats.errorsPropagated + stats.errorsCaught
    lines.append(
      "errors    \(errors) (\(stats.errorsPropagated) propagated, \(stats.errorsCaught) caught)")
    lines.append("lost      \(stats.lost)")
    if let first = stats.firstTimestamp, let last = stats.lastTimestamp {
      lines.append("span      \(DurationText.short(last - first))")
    }
    let rankings: [(String, (TraceStatistics.Function) -> UInt64)] = [
      ("by calls", { UInt64($0.calls) }), ("by total time", { $0.total }),
      ("by self time", { $0.selfTime }),
    ]
    let timed = stats.functions.values.contains { $0.timedCalls > 0 }
    for (title, key) in rankings.prefix(timed ? 3 : 1) {
      let rows = stats.top(top, by: key)
      guard !rows.isEmpty else { continue }
      lines.append("")
      lines.append("top functions \(title)")
      lines.append(
        pad("calls", 10) + pad("total", 11) + pad("self", 11) + pad("errors", 8) + "  function")
      for f in rows {
        lines.append(
          pad(String(f.calls), 10) + pad(time(f.total, f), 11)
            + pad(time(f.selfTime, f), 11)
            + pad(String(f.errors), 8) + "  " + f.name)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A duration, or `-` for a function whose calls were not timed.
  private func time(_ nanos: UInt64, _ function: TraceStatistics.Function) -> String {
    function.timedCalls == 0 ? "-" : DurationText.short(nanos)
  }

  private func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
