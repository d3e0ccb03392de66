import FlowTrace
import Glibc

/// `churn N`: N short-lived threads, eight at a time, each making one traced `fib(3)` root and
/// ending. Every 1,000 threads it drains (`FlowTrace.flushTrace()`) and prints
/// `threads T rss_kb R` with its resident memory now (not the peak); at the end
/// `refused R`, the threads the system would not start.
func churn(_ total: Int) {
  // One traced call first, on this thread: it starts the environment's sinks, so that no
  // thread's calls fall in the window while the file is being opened (untraced then).
  _ = fib(0)
  var started = 0
  var refused = 0
  while started < total {
    let batch = min(8, total - started)
    var threads: [pthread_t] = []
    for _ in 0..<batch {
      var thread = pthread_t()
      let code = pthread_create(
        &thread, nil,
        { _ in
          _ = fib(3)
          return nil
        }, nil)
      if code == 0 { threads.append(thread) } else { refused += 1 }
    }
    for thread in threads { pthread_join(thread, nil) }
    started += batch
    if started % 1000 == 0 {
      FlowTrace.flushTrace()
      print("threads \(started) rss_kb \(residentKilobytes())")
      fflush(nil)
    }
  }
  print("refused \(refused)")
}

/// The resident set size now, from `/proc/self/statm` (pages × page size).
func residentKilobytes() -> Int {
  let fd = open("/proc/self/statm", O_RDONLY)
  guard fd >= 0 else { return -1 }
  defer { close(fd) }
  var buffer = [UInt8](repeating: 0, count: 128)
  let count = read(fd, &buffer, buffer.count)
  guard count > 0 else { return -1 }
  let fields = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]) else { return -1 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}
