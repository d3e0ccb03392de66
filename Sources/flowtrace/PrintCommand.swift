import ArgumentParser
import FlowTraceText
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
      let options = TreeTextOptions(color: useColor, maxDepth: depth)
      let selection = TreeTextSelection(
        include: include.map(Glob.init), exclude: exclude.map(Glob.init), errorsOnly: errors)
      if try printSequence(input.file, options: options, selection: selection) { return }
      let errorPath = errors ? try TreeFilter.errorPath(of: input.file) : nil
      var filter = TreeFilter(selection: selection, errorPath: errorPath)
      var printer = TreeTextPrinter(options: options)
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

  /// Prints a binary trace whose calls nest per thread and task (one thread, or interleaved
  /// threads) with the fast printer; false (having printed nothing) when it does not nest so
  /// (async children under another context's call); throws after the valid prefix of a trace
  /// with a bad record.
  private func printSequence(
    _ file: TraceFile, options: TreeTextOptions, selection: TreeTextSelection
  ) throws(CLIError) -> Bool {
    guard file.format == .binary else { return false }
    var writer = BlockWriter()
    var printed = true
    var failure: TraceFormatError?
    do throws(TraceFormatError) {
      printed = try TreeTextPrinter.printSequence(
        binary: file.bytes, source: file.path, options: options, selection: selection
      ) { writer.write($0) }
    } catch {
      failure = error
    }
    if let error = writer.failure { throw error }
    if let failure { throw CLIError(failure.description) }
    return printed
  }

  private var useColor: Bool { color.colorsStandardOutput }
}
