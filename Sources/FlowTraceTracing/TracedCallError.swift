/// The error a traced call threw, as FlowTrace rendered it (the original value is gone by
/// the time the span ends).
public struct TracedCallError: Error, CustomStringConvertible, Sendable {
  /// The error's type name.
  public var type: String
  /// `String(describing:)` of the error.
  public var description: String
}
