/// Why the viewer could not listen on a socket path: one line for the user.
public struct LiveListenError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The socket path (or its directory) the problem is about.
  public var path: String
  /// What went wrong, in words.
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "cannot listen on \(path): \(message)" }
}
