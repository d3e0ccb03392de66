import ArgumentParser
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace print FILE [--depth N] [--include GLOB]… [--exclude GLOB]… [--errors] [--color …]`.
struct PrintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "print",
    abstract: "Print a trace as the call tree, in the runtime's text format.",
    discussion: """
      Calls hidden by --include/--exclude/--errors leave their traced callees in place, one \
      level up, as if the hidden function had not been traced.
      """)

  enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
  }

  @Argument(help: "The trace file (binary or JSON Lines).")
  var file: String

  @Option(help: "Print calls up to this depth only (1 = root calls).")
  var depth: Int?

  @Option(help: "Show only calls whose qualified name matches (glob: * and ?; repeatable).")
  var include: [String] = []

  @Option(help: "Hide calls whose qualified name matches (glob; repeatable).")
  var exclude: [String] = []

  @Flag(help: "Show only calls that threw or caught an error, and their callers.")
  var errors = false

  @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
  var color: ColorMode = .auto

  func validate() throws {
    if let depth, depth < 1 { throw ValidationError("--depth must be at least 1.") }
  }

  func run() throws {
    try reportingErrors {
      let input = try TraceInput(path: file)
      if !useColor, include.isEmpty, exclude.isEmpty, !errors, try printFast(input.file) { return }
      let errorPath = errors ? try TreeFilter.errorPath(of: input.file) : nil
      var filter = TreeFilter(
        include: include.map(Glob.init), exclude: exclude.map(Glob.init), errorPath: errorPath)
      var printer = TreeTextPrinter(options: TreeTextOptions(color: useColor, maxDepth: depth))
      var sink = TextSink(out: OutputStream())
      var failure: TraceFormatError?
      do throws(TraceFormatError) {
        if filter.isIdentity {
          try input.forEachEvent { printer.consume($0, to: &sink) }
        } else {
          try input.forEachEvent { event in
            filter.consume(event) { printer.consume($0, to: &sink) }
          }
        }
      } catch {
        failure = error
      }
      printer.finish(to: &sink)
      if let error = sink.failure { throw error }
      try sink.out.flush()
      if let failure { throw failure }
    }
  }

  /// Prints a binary trace that nests as one sequence with `FastTreePrinter`; false (having
  /// printed nothing) when the trace is not such a trace or has a bad record.
  private func printFast(_ file: TraceFile) throws(CLIError) -> Bool {
    guard file.format == .binary else { return false }
    var check = SimpleTraceCheck()
    guard (try? file.decodeBinary(into: &check)) != nil, check.isSimple else { return false }
    let out = OutputStream()
    var printer = FastTreePrinter(maxDepth: depth, sink: out)
    do throws(TraceFormatError) {
      _ = try file.decodeBinary(into: &printer)
    } catch {
      throw CLIError(error.description)  // cannot happen: the check pass read it all
    }
    printer.finish()
    if let failure = printer.failure { throw failure }
    try out.flush()
    return true
  }

  private var useColor: Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
      if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
      return isatty(1) != 0
    }
  }
}
