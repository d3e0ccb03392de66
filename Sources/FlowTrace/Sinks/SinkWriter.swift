import CFlowTraceRuntime
import Glibc
import Synchronization

/// The background writer: drains the threads' buffers into the sinks at least every 10 ms
/// while there is a sink (asleep while there is none, as after a viewer detached), and
/// without pausing while a recording thread keeps it busy (woken when a thread's backlog
/// of sealed chunks grows), so that on a free core the writer runs beside the program instead
/// of the program waiting for it.
enum SinkWriter {
  private static let started = Atomic<Bool>(false)
  // Set once; sem_t is thread-safe.
  nonisolated(unsafe) private static let signal: UnsafeMutablePointer<sem_t> = {
    let semaphore = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    sem_init(semaphore, 0, 0)
    return semaphore
  }()
  /// How long the writer waits between passes while a sink is counted, and while none is.
  static let busyNanos = 10_000_000
  static let idleNanos = 1_000_000_000

  /// Sealed chunks a thread has waiting when it wakes the writer.
  static let wakeBacklog = 16

  /// Starts the writer thread once.
  static func start() {
    _ = signal
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { _ in SinkWriter.run() }, nil)
    if result == 0 { pthread_detach(thread) }
  }

  /// Wakes the writer if it is waiting (cheap: no system call when it is already awake).
  static func wake() {
    var value: Int32 = 0
    sem_getvalue(signal, &value)
    if value == 0 { sem_post(signal) }
  }

  private static func run() -> UnsafeMutableRawPointer? {
    ft_set_thread_name("flowtrace-sink")
    while true {
      // With no sink counted (nothing set, or the attached viewer went away) there is nothing
      // to drain: sleep until a sink is added (`sinkAdded` wakes the writer), checking once a
      // second at most, instead of every 10 ms.
      let idle = ft_mode_load() & ModeBits.sink == 0
      var deadline = timespec()
      clock_gettime(CLOCK_REALTIME, &deadline)
      deadline.tv_nsec += idle ? idleNanos : busyNanos
      while deadline.tv_nsec >= 1_000_000_000 {
        deadline.tv_sec += 1
        deadline.tv_nsec -= 1_000_000_000
      }
      _ = sem_timedwait(signal, &deadline)
      if idle, ft_mode_load() & ModeBits.sink == 0 { continue }
      // Keep going while a pass finds at least a chunk's worth of records.
      var read = 0
      repeat {
        read = Runtime.shared.drain(complete: false)
        Runtime.shared.pumpSinks()
      } while read >= RecordChunk.capacity
    }
  }
}
