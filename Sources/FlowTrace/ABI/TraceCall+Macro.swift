// Extra entry points for `@Trace` expansions (see docs/MACRO-ABI.md). The runtime owns the
// bodies; the signatures are part of the macro contract.

extension _TraceCall {
  /// Runs an async body with this call as the current call of the task (so child tasks nest
  /// under it), staying on the caller's actor and keeping the body's error type.
  ///
  /// Expansions call it as `withTaskScope(isolation: #isolation) { ... }`: the isolation
  /// parameter lets actor and `@MainActor` methods pass their non-Sendable body.
  @inlinable
  public func withTaskScope<R, E: Error>(
    isolation: isolated (any Actor)?,
    _ body: () async throws(E) -> R
  ) async throws(E) -> R {
    if slot == 0 { return try await body() }
    return try await _scoped(isolation: isolation, body)
  }
}
