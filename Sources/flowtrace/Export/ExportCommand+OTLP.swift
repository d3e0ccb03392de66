import FlowTraceWire

extension ExportCommand {
  /// Writes OTLP/JSON Lines to the output, or posts each line to `endpoint` when given.
  func exportOTLP(sending endpoint: OTLPEndpoint?) throws {
    let input = try TraceInput(path: file)
    var writer = OTLPWriter(batchSize: batchSize)
    writer.begin(try input.file.readHeader())
    var sender = endpoint.map(OTLPSender.init(endpoint:))
    let out = endpoint == nil ? try OutputStream(path: output) : nil
    var failure: TraceFormatError?
    var deliveryError: CLIError?
    func deliver(_ lines: [[UInt8]]) {
      for line in lines where deliveryError == nil {
        do throws(CLIError) {
          if sender != nil { try sender?.send(line) } else { try out?.write(line) }
        } catch { deliveryError = error }
      }
    }
    do throws(TraceFormatError) {
      try input.forEachEvent { event in
        writer.consume(event)
        if !writer.lines.isEmpty { deliver(writer.takeLines()) }
      }
    } catch { failure = error }
    if let deliveryError { throw deliveryError }
    writer.finish()
    deliver(writer.takeLines())
    if let deliveryError { throw deliveryError }
    try out?.flush()
    if writer.lostEvents > 0 {
      printError(
        "flowtrace: note: the recording lost \(writer.lostEvents) events; their calls have no spans"
      )
    }
    if let sender, let endpoint {
      printError(
        "flowtrace: sent \(writer.spanCount) spans in \(sender.sent) batches to \(endpoint.url)")
    }
    if let failure { throw failure }
  }
}
