/// Reads traces written as JSON Lines (docs/FORMAT.md): validates syntax, schema and
/// references, and reports the line and byte offset of the first bad line.
public struct JSONLinesDecoder {
  /// File name or connection, for error messages.
  public let source: String
  /// The header, once read.
  public private(set) var header: TraceHeader?
  private var validator = TraceValidator()

  public init(source: String = "<trace>") { self.source = source }

  /// True after the `end` event.
  public var isEnded: Bool { validator.isEnded }

  /// Decodes every line of `bytes`, handing each event to `body`; returns the header.
  @discardableResult
  public mutating func decode(
    _ bytes: UnsafeRawBufferPointer, _ body: (TraceEvent) -> Void
  ) throws(TraceFormatError) -> TraceHeader? {
    var lineStart = 0
    var lineNumber = 0
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      var scanner = JSONScanner(bytes, from: lineStart, to: lineEnd)
      scanner.skipSpace()
      if scanner.peek == nil { continue }  // blank line
      do throws(JSONFault) {
        let fields = try JSONLineFields(&scanner)
        scanner.skipSpace()
        guard scanner.peek == nil else { throw scanner.fault("unexpected text after the object") }
        if header == nil {
          header = try fields.header(at: lineStart)
          continue
        }
        let event = try fields.event(at: lineStart)
        do throws(RecordFault) {
          try validator.check(event)
        } catch {
          throw JSONFault(position: lineStart, message: error.message)
        }
        body(event)
      } catch {
        throw TraceFormatError(
          source: source, offset: error.position, line: lineNumber, message: error.message)
      }
    }
    if header == nil {
      throw TraceFormatError(source: source, offset: 0, line: 1, message: "no header line")
    }
    return header
  }

  /// Decodes a byte array; returns the header and the events.
  public static func decode(
    _ bytes: [UInt8], source: String = "<trace>"
  ) throws(TraceFormatError) -> (TraceHeader, [TraceEvent]) {
    var decoder = JSONLinesDecoder(source: source)
    var events: [TraceEvent] = []
    let header = try bytes.withBytes { (raw) throws(TraceFormatError) in
      try decoder.decode(raw) { events.append($0) }
    }
    guard let header else {
      throw TraceFormatError(source: source, offset: 0, line: 1, message: "no header line")
    }
    return (header, events)
  }
}
