/// How the tree text printer renders a trace.
public struct TreeTextOptions: Sendable, Equatable {
  /// Wraps arrows, names, results, times and errors in ANSI colour codes.
  public var color: Bool
  /// Prints calls up to this depth only (1 = roots only); nil prints everything.
  public var maxDepth: Int?

  /// Creates options; the defaults print everything without colour.
  public init(color: Bool = false, maxDepth: Int? = nil) {
    self.color = color
    self.maxDepth = maxDepth
  }
}
