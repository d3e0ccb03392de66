import Glibc
import Synchronization

/// The background writer: drains the threads' buffers into the sinks every 10 ms.
enum SinkWriter {
  private static let started = Atomic<Bool>(false)

  /// Starts the writer thread once.
  static func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { _ in SinkWriter.run() }, nil)
    if result == 0 { pthread_detach(thread) }
  }

  private static func run() -> UnsafeMutableRawPointer? {
    var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
    while true {
      nanosleep(&pause, nil)
      Runtime.shared.drain(complete: false)
      Runtime.shared.pumpSinks()
    }
  }
}
