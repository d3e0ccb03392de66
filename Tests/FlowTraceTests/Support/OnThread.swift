import Foundation

@testable import FlowTrace

/// Runs `body` on a new thread and waits for it (each thread that records gets its own
/// recorder, in the order the threads first record).
func onThread(_ body: @escaping @Sendable () -> Void) {
  let done = DispatchSemaphore(value: 0)
  Thread {
    body()
    done.signal()
  }.start()
  done.wait()
}

/// Runs `body` on a new thread that has a recorder (as a traced thread has), and waits.
func onRecordingThread(_ body: @escaping @Sendable () -> Void) {
  onThread {
    _ = ThreadRecorder.current
    body()
  }
}

/// A thread started now that runs `first`, then waits until `finish()` lets it run `then`
/// (so its first records come before anything the test records meanwhile on other threads).
final class HeldThread: Sendable {
  private let go = DispatchSemaphore(value: 0)
  private let ended = DispatchSemaphore(value: 0)

  /// Returns once `first` has run on the new thread.
  init(first: @escaping @Sendable () -> Void, then: @escaping @Sendable () -> Void) {
    let started = DispatchSemaphore(value: 0)
    Thread { [go, ended] in
      first()
      started.signal()
      go.wait()
      then()
      ended.signal()
    }.start()
    started.wait()
  }

  /// Lets the thread run `then` and waits for it.
  func finish() {
    go.signal()
    ended.wait()
  }
}
