/// Why the viewer could not listen on a socket path: one line for the user.
package struct LiveListenError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The socket path (or its directory) the problem is about.
  package var path: String
  /// What went wrong, in words.
  package var message: String

  package init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  package var description: String { "cannot listen on \(path): \(message)" }
}
