import ArgumentParser
import FlowTraceWire

/// `flowtrace import FILE.jsonl -o FILE`.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert a JSON Lines trace into the binary form.")

  @Argument(help: "The JSON Lines trace.")
  var file: String

  @Option(name: .shortAndLong, help: "The binary trace to write.")
  var output: String

  func run() throws {
    try reportingErrors {
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
          guard failure == nil else { return }
          do {
            try encoder.encode(event)
            if encoder.bytes.count >= 1 << 16 { try out.write(encoder.takeBytes()) }
          } catch {
            failure = error
          }
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
