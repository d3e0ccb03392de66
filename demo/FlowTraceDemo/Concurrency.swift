import FlowTrace
import Foundation
import Glibc

// Threads and structured concurrency for the examples and the live demo.

@Trace func square(_ n: Int) -> Int { n * n }

@Trace func work(_ id: Int) -> Int { square(id) + square(id + 1) }

@Trace func child(_ index: Int) async -> Int {
  try? await Task.sleep(nanoseconds: UInt64(6 - index) * 2_000_000)
  return square(index)
}

@Trace func fanOut(_ count: Int) async -> Int {
  await withTaskGroup(of: Int.self) { group in
    for index in 1...count { group.addTask { await child(index) } }
    return await group.reduce(0, +)
  }
}

/// Runs `body(i)` on `count` threads at once and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let done = DispatchGroup()
  for index in 1...count {
    done.enter()
    let thread = Thread {
      nameThisThread("worker-\(index)")
      body(index)
      done.leave()
    }
    thread.start()
  }
  done.wait()
}

/// Names the calling thread in the kernel, where the tracer reads it: Foundation's `Thread.name`
/// stays inside Foundation on Linux, and Glibc's `pthread_setname_np` is not visible to Swift.
func nameThisThread(_ name: String) {
  let fd = open("/proc/thread-self/comm", O_WRONLY)
  guard fd >= 0 else { return }
  defer { close(fd) }
  let bytes = Array(name.utf8.prefix(15))
  _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}

/// Runs an async body from synchronous code and waits for it.
func blocking(_ body: @escaping @Sendable () async -> Void) {
  let done = DispatchSemaphore(value: 0)
  Task.detached {
    await body()
    done.signal()
  }
  done.wait()
}
