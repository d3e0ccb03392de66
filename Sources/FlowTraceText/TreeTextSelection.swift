import FlowTraceWire

/// Which calls `flowtrace print` shows: calls whose qualified name matches an include glob
/// (all when there is none) and no exclude glob, and with `errorsOnly` only calls with an
/// error in their own record or their subtree. Hidden calls leave their callees one level up.
public struct TreeTextSelection: Sendable, Equatable {
  public var include: [Glob]
  public var exclude: [Glob]
  public var errorsOnly: Bool

  /// Creates a selection; the defaults show everything.
  public init(include: [Glob] = [], exclude: [Glob] = [], errorsOnly: Bool = false) {
    self.include = include
    self.exclude = exclude
    self.errorsOnly = errorsOnly
  }

  /// True when every call is shown.
  public var showsEverything: Bool { include.isEmpty && exclude.isEmpty && !errorsOnly }

  /// Whether the globs show calls of the function named `name`.
  public func shows(_ name: String) -> Bool {
    (include.isEmpty || include.contains { $0.matches(name) })
      && !exclude.contains { $0.matches(name) }
  }
}
