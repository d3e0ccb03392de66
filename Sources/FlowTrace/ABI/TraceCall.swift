// The entry points that `@Trace` expansions call. Underscored: public only so that the
// expansion in the user's module can reach them. Contract between FlowTraceMacros and the
// runtime; see docs/MACRO-ABI.md.

/// Flags written on one `@Trace(...)`; nil means "inherit from the session or config".
public struct _TraceFlags: Sendable {
  public var showArgs: Bool?
  public var showResult: Bool?
  public var showTiming: Bool?

  @inlinable
  public init(showArgs: Bool? = nil, showResult: Bool? = nil, showTiming: Bool? = nil) {
    self.showArgs = showArgs
    self.showResult = showResult
    self.showTiming = showTiming
  }
}

/// One traced call in flight, created on entry by the expansion.
///
/// Expansion shape (sync, non-throwing):
/// ```
/// let __ftCall = _TraceCall(site: "fib\t_\tApp/Fib.swift\t3", flags: _TraceFlags())
/// if __ftCall.recordsArguments { __ftCall.argument(n) }
/// __ftCall.entered()
/// let __ftResult = { <original body> }()
/// return __ftCall.returning(__ftResult)
/// ```
/// The site string is `qualifiedName TAB labels(comma-separated, "_" for none) TAB fileID TAB line`
/// and must be a literal: its address identifies the site.
public struct _TraceCall {
  @usableFromInline var slot: UInt64

  @inlinable
  public init(site: StaticString, flags: _TraceFlags) {
    slot = 0
  }

  /// True when this call is traced and its arguments are collected.
  @inlinable public var recordsArguments: Bool { false }

  /// Records one argument (in parameter order), before `entered()`.
  @inlinable public func argument<T>(_ value: T) {}
  @inlinable public func argument(_ value: Int) {}
  @inlinable public func argument(_ value: Double) {}
  @inlinable public func argument(_ value: Bool) {}
  @inlinable public func argument(_ value: String) {}
  /// Records a placeholder (closures, autoclosures, non-copyable values): never evaluated.
  @inlinable public func argumentPlaceholder(_ text: StaticString) {}

  /// Records the call's start; the body runs next.
  @inlinable public func entered() {}

  /// Records a normal exit with a value and hands the value back.
  @inlinable public func returning<T>(_ value: T) -> T { value }
  @inlinable public func returning(_ value: Int) -> Int { value }
  @inlinable public func returning(_ value: Double) -> Double { value }
  @inlinable public func returning(_ value: Bool) -> Bool { value }
  @inlinable public func returning(_ value: String) -> String { value }
  /// Records a normal exit of a `Void` function (and of initializers).
  @inlinable public func returningVoid() {}
  /// Records an exit by throwing `error` (propagated).
  @inlinable public func throwing(_ error: any Error) {}

  /// Runs an async body with this call as the current call of the task (so child tasks
  /// nest under it).
  @inlinable
  public func withTaskScope<R>(_ body: () async throws -> R) async rethrows -> R {
    try await body()
  }
}
