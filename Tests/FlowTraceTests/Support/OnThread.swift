import Foundation

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
