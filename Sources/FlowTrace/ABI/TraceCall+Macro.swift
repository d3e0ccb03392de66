// Extra entry points for `@Trace` expansions (see docs/MACRO-ABI.md). The signatures are part
// of the macro contract.

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

  /// Moves the call from the thread stack into a task scope and runs the body there, on
  /// `isolation`; a typed error crosses `TaskLocal.withValue` (untyped) inside a `Result`.
  @usableFromInline
  func _scoped<R, E: Error>(
    isolation: isolated (any Actor)?,
    _ body: () async throws(E) -> R
  ) async throws(E) -> R {
    _ = ThreadRecorder.current.pop(slot)
    let scope = TaskScope(callID: slot, taskID: Tasks.shared.currentID())
    let outcome = await TaskScope.$current.withValue(
      scope,
      operation: { () async -> Result<R, E> in
        do throws(E) {
          return .success(try await body())
        } catch {
          return .failure(error)
        }
      },
      isolation: isolation
    )
    if let error = scope.takeError() {
      ThreadRecorder.current.appendCaught(slot, error)
    }
    return try outcome.get()
  }
}
