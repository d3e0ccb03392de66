import CFlowTraceRuntime
import Synchronization

/// The traced async call a task is running in, carried into child tasks by a task-local.
@usableFromInline
final class TaskScope: Sendable {
  @TaskLocal private static var bound: TaskScope?
  /// Set the first time a scope is bound: until then no task-local lookup is needed (a root
  /// call asks for its scope, and a program without traced async calls never binds one).
  private static let everBound = Atomic<Bool>(false)

  /// The scope the running task (or thread) is in, if any.
  @inline(__always)
  static var current: TaskScope? {
    everBound.load(ordering: .acquiring) ? bound : nil
  }

  /// The task-local to bind a scope with (`withValue`); noted first, so that `current`
  /// looks from then on.
  static var binding: TaskLocal<TaskScope?> {
    if !everBound.load(ordering: .relaxed) { everBound.store(true, ordering: .releasing) }
    return $bound
  }

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

/// Ids for async tasks: the Swift runtime's own task ids, unique in the process and never
/// reused. (A task's address, which `UnsafeCurrentTask` identifies, is reused once the task
/// ends, and a table keyed by it grows with every task the program ever ran.)
enum Tasks {
  /// The running task's id, or 0 outside a task.
  static func currentID() -> UInt64 { ft_current_task_id() }
}

extension _TraceCall {
  /// Moves the call from the thread stack into a task scope and runs the body there, on the
  /// caller's actor, keeping the body's error type.
  @usableFromInline
  func _scoped<R, E: Error>(
    isolation: isolated (any Actor)?, _ body: () async throws(E) -> R
  ) async throws(E) -> R {
    let recorder = ThreadRecorder.current
    _ = recorder.pop(id)
    let scope = TaskScope(callID: id, taskID: Tasks.currentID())
    let result: R
    do {
      result = try await TaskScope.binding.withValue(
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
