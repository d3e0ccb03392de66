import ArgumentParser
import FlowTraceWire

/// `flowtrace export FILE --format jsonl|chrome|otlp [-o OUT]`, or
/// `flowtrace export FILE --otlp-endpoint http://127.0.0.1:4318` (OTLP/HTTP JSON).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Convert a trace to JSON Lines, Chrome Trace Event JSON (for Perfetto) or OpenTelemetry "
      + "OTLP/JSON, or send it to an OTLP/HTTP receiver.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case jsonl
    case chrome
    case otlp
  }

  @Argument(help: "The trace file (binary or JSON Lines).")
  var file: String

  @Option(help: "Output format: jsonl, chrome or otlp (OTLP/JSON Lines, one TracesData a line).")
  var format: Format?

  @Option(
    name: .customLong("otlp-endpoint"),
    help: "Send the spans over OTLP/HTTP JSON to this loopback URL (e.g. http://127.0.0.1:4318).")
  var otlpEndpoint: String?

  @Option(help: "Spans per OTLP batch (one line or one request).")
  var batchSize: Int = 512

  @Option(name: .shortAndLong, help: "Where to write (default: standard output).")
  var output: String?

  func validate() throws {
    if format == nil, otlpEndpoint == nil {
      throw ValidationError("Missing expected argument '--format <format>' (or --otlp-endpoint)")
    }
    if let format, format != .otlp, otlpEndpoint != nil {
      throw ValidationError(
        "--otlp-endpoint sends OTLP; it cannot be combined with --format \(format)")
    }
    if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
  }

  func run() throws {
    try reportingErrors {
      if let otlpEndpoint {
        let endpoint = try OTLPEndpoint(parsing: otlpEndpoint)
        try exportOTLP(sending: endpoint)
        return
      }
      let input = try TraceInput(path: file)
      let out = try OutputStream(path: output)
      var failure: TraceFormatError?
      switch format ?? .otlp {
      case .otlp:
        try exportOTLP(sending: nil)
        return
      case .jsonl:
        var encoder = JSONLinesEncoder()
        encoder.header(try input.file.readHeader())
        failure = try input.pump(into: &encoder, out: out)
      case .chrome:
        var writer = ChromeTraceWriter()
        writer.header(try input.file.readHeader())
        failure = try input.pump(into: &writer, out: out) { $0.finish() }
      }
      try out.flush()
      if let failure { throw failure }
    }
  }
}
