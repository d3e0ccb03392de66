import FlowTraceWire

/// How the tree text printer renders a trace.
public struct TreeTextOptions: Sendable, Equatable {
  /// Wraps arrows, names, results, times and errors in ANSI colour codes.
  public var color: Bool
  /// Prints calls up to this depth only (1 = roots only); nil prints everything.
  public var maxDepth: Int?
  /// Prints a root's lines as its events arrive (while no other root interleaves); when
  /// false, each root's tree is printed whole when the root ends, so an unfinished root
  /// never holds back the others.
  public var streaming: Bool

  /// Creates options; the defaults print everything, streaming, without colour.
  public init(color: Bool = false, maxDepth: Int? = nil, streaming: Bool = true) {
    self.color = color
    self.maxDepth = maxDepth
    self.streaming = streaming
  }
}
