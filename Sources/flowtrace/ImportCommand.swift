import ArgumentParser
import FlowTraceWire

/// `flowtrace import [--from jsonl|chrome|uftrace] FILE -o FILE`.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert a JSON Lines trace, or a peer's trace, into the binary form.",
    discussion: """
      --from chrome reads the Chrome trace event JSON of uftrace (dump --chrome), viztracer and \
      Perfetto (uftrace record, then uftrace dump --chrome). --from uftrace reads a \
      uftrace.data directory directly (uftrace record; arguments and return values of -A/-R \
      come along). Without --from a directory is read as uftrace data and a file's first \
      bytes decide between JSON Lines and Chrome JSON.
      """)

  /// The formats `--from` names.
  enum Source: String, ExpressibleByArgument, CaseIterable {
    case jsonl, chrome, uftrace
  }

  @Option(help: "What FILE is: jsonl, chrome or uftrace (a uftrace.data directory).")
  var from: Source?

  @Argument(help: "The trace to import.")
  var file: String

  @Option(name: .shortAndLong, help: "The binary trace to write.")
  var output: String

  func run() throws {
    try reportingErrors {
      if let notes = try importPeer() {
        for note in notes { printError("flowtrace: \(file): \(note)") }
        return
      }
      let input = try TraceInput(path: file)
      guard input.file.format == .jsonLines else {
        throw CLIError("\(file): byte 0: not a JSON Lines trace (it starts like a binary one)")
      }
      var decoder = JSONLinesDecoder(source: file)
      var encoder = TraceEncoder()
      var failure: Error?
      encoder.header(try input.file.readHeader())
      let out = try OutputStream(path: output)
      do {
        try decoder.decode(input.file.bytes) { event in
          encoder.encode(event, writingTo: out, failure: &failure)
        }
      } catch {
        failure = failure ?? error
      }
      try out.write(encoder.takeBytes())
      try out.flush()
      if let failure { throw failure }
    }
  }
}
