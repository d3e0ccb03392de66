import ArgumentParser
import FlowTraceWire

/// `flowtrace export FILE --format jsonl|chrome [-o OUT]`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Convert a trace to JSON Lines or to Chrome Trace Event JSON (for Perfetto).")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case jsonl
    case chrome
  }

  @Argument(help: "The trace file (binary or JSON Lines).")
  var file: String

  @Option(help: "Output format: jsonl or chrome.")
  var format: Format

  @Option(name: .shortAndLong, help: "Where to write (default: standard output).")
  var output: String?

  func run() throws {
    try reportingErrors {
      let input = try TraceInput(path: file)
      let out = try OutputStream(path: output)
      var failure: TraceFormatError?
      switch format {
      case .jsonl:
        var encoder = JSONLinesEncoder()
        encoder.header(try input.file.readHeader())
        var writeError: CLIError?
        do throws(TraceFormatError) {
          try input.forEachEvent { event in
            encoder.encode(event)
            if encoder.bytes.count >= 1 << 16, writeError == nil {
              do throws(CLIError) { try out.write(encoder.takeBytes()) } catch {
                writeError = error
              }
            }
          }
        } catch { failure = error }
        if let writeError { throw writeError }
        try out.write(encoder.takeBytes())
      case .chrome:
        var writer = ChromeTraceWriter()
        writer.header(try input.file.readHeader())
        var writeError: CLIError?
        do throws(TraceFormatError) {
          try input.forEachEvent { event in
            writer.consume(event)
            if writer.bytes.count >= 1 << 16, writeError == nil {
              do throws(CLIError) { try out.write(writer.takeBytes()) } catch { writeError = error }
            }
          }
        } catch { failure = error }
        if let writeError { throw writeError }
        writer.finish()
        try out.write(writer.takeBytes())
      }
      try out.flush()
      if let failure { throw failure }
    }
  }
}
