/// The traced async call a task is running in, carried into child tasks by a task-local.
@usableFromInline
final class TaskScope: Sendable {
  @TaskLocal static var current: TaskScope?

  let callID: UInt64
  let taskID: UInt64
  private let error = Locked<(any Error)?>(nil)

  init(callID: UInt64, taskID: UInt64) {
    self.callID = callID
    self.taskID = taskID
  }

  /// A traced callee threw out of a call running in this scope.
  func childThrew(_ thrown: any Error) {
    error.withLock { $0 = thrown }
  }

  /// The last error a callee threw, cleared.
  func takeError() -> (any Error)? {
    error.withLock { value in
      defer { value = nil }
      return value
    }
  }
}

/// Small ids for async tasks (1, 2, …), keyed by the running task's identity.
final class Tasks: Sendable {
  static let shared = Tasks()
  private let ids = Locked<(next: UInt64, byKey: [Int: UInt64])>((1, [:]))

  /// The id of the task with `key`, and its parent's (0 when unknown).
  func id(forKey key: Int, scope: TaskScope?) -> (UInt64, UInt64) {
    ids.withLock { state in
      if let known = state.byKey[key] {
        return (known, scope.map { $0.taskID == known ? 0 : $0.taskID } ?? 0)
      }
      let id = state.next
      state.next += 1
      state.byKey[key] = id
      return (id, scope?.taskID ?? 0)
    }
  }

  /// The calling task's id, or 0 outside a task.
  func currentID() -> UInt64 {
    guard let key = withUnsafeCurrentTask(body: { $0?.hashValue }) else { return 0 }
    return id(forKey: key, scope: nil).0
  }
}

extension _TraceCall {
  /// Moves the call from the thread stack into a task scope and runs the body there.
  @usableFromInline
  func _scoped<R>(_ body: () async throws -> R) async rethrows -> R {
    let recorder = ThreadRecorder.current
    _ = recorder.pop(id)
    let scope = TaskScope(callID: id, taskID: Tasks.shared.currentID())
    let result = try await TaskScope.$current.withValue(scope) { try await body() }
    if let error = scope.takeError() {
      ThreadRecorder.current.appendCaught(id, error)
    }
    return result
  }
}

extension _TraceCall {
  /// `_scoped` for bodies with a typed error, run on the caller's actor.
  @usableFromInline
  func _scoped<R, E: Error>(
    isolation: isolated (any Actor)?, _ body: () async throws(E) -> R
  ) async throws(E) -> R {
    let recorder = ThreadRecorder.current
    _ = recorder.pop(id)
    let scope = TaskScope(callID: id, taskID: Tasks.shared.currentID())
    let result: R
    do {
      result = try await TaskScope.$current.withValue(
        scope, operation: { try await body() }, isolation: isolation)
    } catch {
      // `withValue` rethrows untyped: the error can only be the body's `E`.
      throw error as! E
    }
    if let error = scope.takeError() {
      ThreadRecorder.current.appendCaught(id, error)
    }
    return result
  }
}
