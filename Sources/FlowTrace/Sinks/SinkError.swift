/// A sink that could not be opened.
public struct SinkError: Error, Sendable, CustomStringConvertible {
  /// The file or socket path.
  public var path: String
  /// Why, as the system says it (`No such file or directory`).
  public var message: String
  /// `path: message`.
  public var description: String { "\(path): \(message)" }
}
