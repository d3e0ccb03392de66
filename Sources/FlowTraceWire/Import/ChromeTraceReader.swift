#if canImport(Glibc)
  import Glibc
#endif

/// Reads a Chrome trace (the `{"traceEvents": [...]}` object or a bare `[...]` array, as
/// uftrace, viztracer and Perfetto write it) as a stream: the file is read in windows of a few
/// MB, never held whole; each event is parsed from the window in one piece.
public struct ChromeTraceReader {
  /// The file name, for errors.
  public let source: String
  /// Bytes of a window; it grows only for an event larger than it.
  public var windowSize = 4 << 20
  /// The largest single event accepted.
  public var maxEventSize = 256 << 20
  /// Whether the event array ended without its `]` (a trace cut short; the format allows it).
  public private(set) var unterminated = false

  private enum Place {
    case start
    case objectKey(first: Bool)
    case eventArray(first: Bool, inObject: Bool)
    case done
  }

  public init(source: String) { self.source = source }

  /// Reads the file at `source`, handing each event to `body` in file order.
  public mutating func read(
    _ body: (ChromeEvent) throws(TraceFormatError) -> Void
  ) throws(TraceFormatError) {
    let fd = open(source, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw failure(0, String(cString: strerror(errno))) }
    defer { close(fd) }
    try read(from: { buffer in Glibc.read(fd, buffer.baseAddress, buffer.count) }, body)
  }

  /// Reads from `input` (a `read(2)`-like function: bytes read, 0 at the end, -1 on error).
  public mutating func read(
    from input: (UnsafeMutableRawBufferPointer) -> Int,
    _ body: (ChromeEvent) throws(TraceFormatError) -> Void
  ) throws(TraceFormatError) {
    var buffer = [UInt8](repeating: 0, count: max(64, windowSize))
    var filled = 0
    var position = 0
    var base = 0
    var eof = false
    var place = Place.start
    // One event, refilled for each: its argument list keeps its storage.
    var event = ChromeEvent()
    let names = ChromeNameTable()
    while true {
      if case .done = place { return }
      if case .eventArray = place, eof, Self.onlyBlanks(buffer, from: position, to: filled) {
        unterminated = true
        return
      }
      let step = buffer.withUnsafeBytes {
        raw -> Result<(Int, Place, Bool), ChromeScanner.Fault> in
        var s = ChromeScanner(
          UnsafeRawBufferPointer(rebasing: raw[..<filled]), from: position, atEOF: eof,
          names: names)
        do throws(ChromeScanner.Fault) {
          let (next, read) = try Self.step(place, &s, base: base, into: &event)
          return .success((s.position, next, read))
        } catch {
          return .failure(error)
        }
      }
      switch step {
      case .success(let (end, next, read)):
        if read { try body(event) }
        position = end
        place = next
      case .failure(.needMore):
        // Keep the unread part, grow the window if one event fills it, read more.
        let kept = filled - position
        buffer.withUnsafeMutableBytes { raw in
          if let b = raw.baseAddress, position > 0 { memmove(b, b + position, kept) }
        }
        base += position
        position = 0
        filled = kept
        if kept * 2 > buffer.count {
          guard buffer.count < maxEventSize else {
            throw failure(base, "an event larger than \(maxEventSize >> 20) MB")
          }
          buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let count = buffer.withUnsafeMutableBytes { raw in
          input(UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
        }
        if count < 0 { throw failure(base + filled, String(cString: strerror(errno))) }
        if count == 0 { eof = true }
        filled += count
      case .failure(.bad(let at, let message)):
        throw failure(base + at, message)
      }
    }
  }

  private static func onlyBlanks(_ buffer: [UInt8], from: Int, to: Int) -> Bool {
    buffer[from..<to].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
  }

  /// One step of the walk: the opening bracket, one top-level key and its value, or one event
  /// (read into `event`; then the step returns true) and its separator.
  private static func step(
    _ place: Place, _ s: inout ChromeScanner, base: Int, into event: inout ChromeEvent
  ) throws(ChromeScanner.Fault) -> (Place, Bool) {
    switch place {
    case .start:
      let c = try s.peek()
      s.position += 1
      if c == UInt8(ascii: "[") { return (.eventArray(first: true, inObject: false), false) }
      guard c == UInt8(ascii: "{") else {
        s.position -= 1
        throw s.bad("not a Chrome trace: expected { or [")
      }
      return (.objectKey(first: true), false)
    case .objectKey(let first):
      let c = try s.peek()
      if c == UInt8(ascii: "}") || (!first && c == UInt8(ascii: ",")) {
        s.position += 1
        if c == UInt8(ascii: "}") { return (.done, false) }
      } else if !first {
        throw s.bad("expected , or } after a value")
      }
      let (key, _) = try s.rawString()
      try s.expect(UInt8(ascii: ":"), ":")
      if s.equals(key, "traceEvents") {
        try s.expect(UInt8(ascii: "["), "an array of events")
        return (.eventArray(first: true, inObject: true), false)
      }
      try s.skipValue()
      return (.objectKey(first: false), false)
    case .eventArray(let first, let inObject):
      let c = try s.peek()
      if c == UInt8(ascii: "]") {
        s.position += 1
        if !inObject { return (.done, false) }
        return (.objectKey(first: false), false)
      }
      if !first {
        guard c == UInt8(ascii: ",") else { throw s.bad("expected , or ] between events") }
        s.position += 1
        // A trailing comma before the end of a cut-short array.
        if s.atEOF, s.atEndOfInput() {
          return (.eventArray(first: false, inObject: inObject), false)
        }
      }
      _ = try s.peek()
      let start = s.position
      do throws(ChromeScanner.Fault) {
        try s.event(into: &event)
        event.offset = base + start
        return (.eventArray(first: false, inObject: inObject), true)
      } catch {
        guard case .bad(_, let message) = error else { throw error }
        throw .bad(start, "event: " + message)
      }
    case .done:
      return (.done, false)
    }
  }

  private func failure(_ offset: Int, _ message: String) -> TraceFormatError {
    TraceFormatError(source: source, offset: offset, message: message)
  }
}
