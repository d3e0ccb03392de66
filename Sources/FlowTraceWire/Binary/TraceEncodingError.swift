/// A request the encoder refused because the stream would not decode (ids out of order, a
/// return of a call that is not the innermost open one, …). Nothing was written for it.
public struct TraceEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong, one line.
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { "cannot encode trace event: \(message)" }
}
