import ArgumentParser
import FlowTraceExplorer
import FlowTraceText
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace diff A B [--exit-code] [--ignore-args P]… [--ignore-results P]… [--include G]…
/// [--exclude G]… [--timing [PERCENT]] [--format text|json] [--color …]`.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two traces: the first call that behaved differently, then every difference.",
    discussion: """
      Calls are aligned per sibling list by function and arguments, so an inserted call or an \
      extra loop iteration shows as one added call. Markers: - only in A, + only in B, \
      ~ in both but different (A's text, then ⇢ and B's changed parts), … identical calls \
      folded. Threads are paired by name, child tasks by the call that started them; \
      timestamps, thread and task ids and pids are never compared. Exit status: 0, or 1 \
      with --exit-code when the traces differ; 2 when a trace cannot be read.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
  }

  @Argument(help: "The first trace (A, before).")
  var a: String

  @Argument(help: "The second trace (B, after).")
  var b: String

  @Flag(help: "Exit with status 1 when the traces differ.")
  var exitCode = false

  @Option(
    help: ArgumentHelp(
      "Ignore the arguments of functions matching a glob, or mask values matching re:REGEX "
        + "(repeatable).", valueName: "pattern"))
  var ignoreArgs: [String] = []

  @Option(
    help: ArgumentHelp(
      "Ignore the results of functions matching a glob, or mask values matching re:REGEX "
        + "(repeatable).", valueName: "pattern"))
  var ignoreResults: [String] = []

  @Option(help: "Compare only calls whose qualified name matches (glob; repeatable).")
  var include: [String] = []

  @Option(help: "Leave out calls whose qualified name matches (glob; repeatable).")
  var exclude: [String] = []

  @Option(
    help: ArgumentHelp(
      "Also report calls whose self time changed by more than PERCENT (default "
        + "\(Int(defaultTimingPercent)); changes under 1 µs are ignored).", valueName: "percent"))
  var timing: Double?

  @Option(help: "Output: text, or json for tools.")
  var format: Format = .text

  @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
  var color: ColorMode = .auto

  static let defaultTimingPercent = 20.0

  func validate() throws {
    if let timing, timing < 0 { throw ValidationError("--timing must be at least 0.") }
  }

  func run() throws {
    let report: DiffReport
    do {
      report = try compare()
    } catch {
      printError("flowtrace: \(error)")
      throw ExitCode(2)
    }
    if exitCode && report.hasDifferences { throw ExitCode(1) }
  }

  private func compare() throws -> DiffReport {
    var options = DiffOptions()
    options.include = include.map(Glob.init)
    options.exclude = exclude.map(Glob.init)
    options.ignoreArgs = try ignoreArgs.map { (p) throws(DiffPatternError) in try DiffPattern(p) }
    options.ignoreResults = try ignoreResults.map { (p) throws(DiffPatternError) in
      try DiffPattern(p)
    }
    options.timingPercent = timing
    let fileA = try TraceFile.open(a)
    let fileB = try TraceFile.open(b)
    let out = OutputStream()
    // Text: the first difference as soon as the beginnings of the traces settle it.
    var early: DiffReport?
    if format == .text {
      try out.write(header(fileA, fileB))
      // With the streaming diff the whole diff takes about as long as decoding both files:
      // one prefix only.
      let fast = streaming && StreamingDiff.applies(fileA, fileB, options: options)
      early =
        fast
        ? FirstDifferenceProbe.find(
          fileA, fileB, options: options, startBytes: FirstDifferenceProbe.quickBytes,
          maxBytes: FirstDifferenceProbe.quickBytes)
        : FirstDifferenceProbe.find(fileA, fileB, options: options)
      if let early {
        try out.write(firstDifference(early))
        try out.flush()
      }
    }
    let report =
      try (streaming ? StreamingDiff.compare(fileA, fileB, options: options) : nil)
      ?? loadAndCompare(
        fileA, fileB, options: options)
    switch format {
    case .json:
      try out.write(report.json(sourceA: a, sourceB: b))
    case .text:
      if early == nil && report.hasDifferences { try out.write(firstDifference(report)) }
      try out.write(differences(report))
    }
    try out.flush()
    return report
  }

  /// False with `FLOWTRACE_DIFF_REFERENCE` set: always the reference path (tests compare the
  /// two paths' outputs on real traces).
  private var streaming: Bool { getenv("FLOWTRACE_DIFF_REFERENCE") == nil }

  /// The reference path: both call trees whole, then the aligner (what the streaming diff
  /// leaves to it: JSON Lines, options, truncated or unusual traces).
  private func loadAndCompare(
    _ fileA: TraceFile, _ fileB: TraceFile, options: DiffOptions
  ) throws -> DiffReport {
    let (traceA, traceB) = LoadedTrace.both(fileA, fileB)
    for (path, trace) in [(a, traceA), (b, traceB)] {
      if let problem = trace.problem { printError("flowtrace: warning: \(path): \(problem)") }
      if trace.tree.count == 0 && trace.header == nil {
        throw CLIError("\(path): not a FlowTrace trace (no events)")
      }
    }
    return TreeDiff.compare(traceA.tree, traceB.tree, options: options)
  }

  /// `A: path (program)` and `B: …`, from the files' headers.
  private func header(_ fileA: TraceFile, _ fileB: TraceFile) -> String {
    func describe(_ path: String, _ file: TraceFile) -> String {
      let program = FirstDifferenceProbe.header(of: file).map {
        " (" + Sanitizer.clean($0.program) + ")"
      }
      return Sanitizer.clean(path) + (program ?? "")
    }
    return "A: " + describe(a, fileA) + "\nB: " + describe(b, fileB) + "\n\n"
  }

  private func firstDifference(_ report: DiffReport) -> String {
    let lines = report.firstDifferenceLines(color: useColor).map { "  " + $0 }
    return "first difference:\n" + lines.joined(separator: "\n") + "\n\n"
  }

  private func differences(_ report: DiffReport) -> String {
    guard report.hasDifferences else { return report.summary + "\n" }
    let lines = report.lines(color: useColor).map { "  " + $0 }
    return "differences: " + report.summary + "\n" + lines.joined(separator: "\n") + "\n"
  }

  private var useColor: Bool { color.colorsStandardOutput }

  /// `--timing` without a number means the default threshold: inserts it, so the option
  /// parser (which needs a value) sees `--timing 20`.
  static func withTimingDefault(_ arguments: [String]) -> [String] {
    guard arguments.first == "diff" else { return arguments }
    var out = arguments
    var i = 0
    while i < out.count {
      if out[i] == "--timing" && (i + 1 == out.count || Double(out[i + 1]) == nil) {
        out.insert(String(Int(defaultTimingPercent)), at: i + 1)
      }
      i += 1
    }
    return out
  }
}
