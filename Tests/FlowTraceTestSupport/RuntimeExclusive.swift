import Testing

/// A suite trait: the suite runs while no other suite with this trait runs. FlowTrace's
/// runtime (sessions, configuration, sinks, tracing hooks) is one per process, and Swift
/// Testing runs suites of different test targets in parallel in one process.
public struct RuntimeExclusive: SuiteTrait, TestScoping {
  /// The trait provides its own scope (without this, the default `Never` means no scope).
  public typealias TestScopeProvider = RuntimeExclusive

  /// The trait (use `.runtimeExclusive`).
  public init() {}

  /// Runs `function` (the whole suite) holding the process-wide runtime gate.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    await RuntimeGate.shared.acquire()
    do {
      try await function()
    } catch {
      await RuntimeGate.shared.release()
      throw error
    }
    await RuntimeGate.shared.release()
  }
}

extension Trait where Self == RuntimeExclusive {
  /// Runs the suite alone among the suites that use FlowTrace's process-wide runtime.
  public static var runtimeExclusive: RuntimeExclusive { RuntimeExclusive() }
}

/// A FIFO async lock.
actor RuntimeGate {
  static let shared = RuntimeGate()
  private var held = false
  private var waiting: [CheckedContinuation<Void, Never>] = []

  func acquire() async {
    if !held {
      held = true
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  func release() {
    if waiting.isEmpty {
      held = false
    } else {
      waiting.removeFirst().resume()
    }
  }
}
