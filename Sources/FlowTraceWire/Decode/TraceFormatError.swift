/// Why a trace could not be read further: where (source, byte offset, line for text formats)
/// and what. Readers keep every event before `offset`.
public struct TraceFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name or connection the bytes came from.
  public var source: String
  /// Byte offset (from the start of the stream) of the record or line that is bad.
  public var offset: Int
  /// 1-based line number, for JSON Lines input.
  public var line: Int?
  /// What is wrong, one line.
  public var message: String

  public init(source: String = "<trace>", offset: Int, line: Int? = nil, message: String) {
    self.source = source
    self.offset = offset
    self.line = line
    self.message = message
  }

  /// One line: `file: byte N: message` (`file: line L, byte N: message` for text formats).
  public var description: String {
    if let line { return "\(source): line \(line), byte \(offset): \(message)" }
    return "\(source): byte \(offset): \(message)"
  }
}

/// A fault inside one record, before the decoder adds where it happened.
@usableFromInline
struct RecordFault: Error {
  @usableFromInline var message: String

  @usableFromInline init(_ message: String) { self.message = message }
}
