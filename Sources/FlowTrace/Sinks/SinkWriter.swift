import CFlowTraceRuntime
import Glibc
import Synchronization

/// The background writer: drains the threads' buffers into the sinks at least every 10 ms
/// while there is a sink (less often, or not at all, while there is none, as after a viewer
/// detached: see `run`), and without pausing while a recording thread keeps it busy (woken when a thread's backlog
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
  /// How long the writer waits between passes: while a sink is counted; while calls are
  /// recorded without one (autoPrint, a session); while nothing is recorded.
  static let busyNanos = 10_000_000
  static let followNanos = 100_000_000
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
      // With no sink counted (nothing set, or the attached viewer went away) the writer need
      // not run every 10 ms: with nothing recorded at all it sleeps until a sink is added
      // (`sinkAdded` wakes it), checking once a second; while autoPrint (or a session)
      // records without a sink, it drains every 100 ms, so that the parked sink of a viewer
      // that went away stays close behind and the next one attaches without a long catch-up.
      let mode = ft_mode_load()
      var deadline = timespec()
      clock_gettime(CLOCK_REALTIME, &deadline)
      deadline.tv_nsec +=
        mode & ModeBits.sink != 0 ? busyNanos : mode == 0 ? idleNanos : followNanos
      while deadline.tv_nsec >= 1_000_000_000 {
        deadline.tv_sec += 1
        deadline.tv_nsec -= 1_000_000_000
      }
      _ = sem_timedwait(signal, &deadline)
      if ft_mode_load() == 0 { continue }
      // Keep going while a pass finds at least a chunk's worth of records.
      var read = 0
      repeat {
        read = Runtime.shared.drain(complete: false)
        Runtime.shared.pumpSinks()
      } while read >= RecordChunk.capacity
    }
  }
}
