/// A whole trace decoded into memory: header, events, and the error that stopped decoding
/// (the events before it are kept).
public struct DecodedTrace: Sendable {
  public var header: TraceHeader?
  public var events: [TraceEvent]
  /// Why decoding stopped early, if it did.
  public var error: TraceFormatError?
  /// True when the stream ended with an end-of-stream record.
  public var isEnded: Bool
  /// The exit status the end record carried, if any.
  public var exitStatus: Int32?

  /// Decodes binary trace bytes.
  public init(binary bytes: [UInt8], source: String = "<trace>") {
    var events: [TraceEvent] = []
    var visitor = EventVisitor { events.append($0) }
    var decoder = TraceDecoder(source: source)
    do {
      try bytes.withBytes { (raw) throws(TraceFormatError) in
        try decoder.decode(raw, into: &visitor)
      }
      error = nil
    } catch {
      self.error = error
    }
    header = visitor.header
    self.events = events
    isEnded = decoder.isEnded
    exitStatus = decoder.exitStatus
  }
}
