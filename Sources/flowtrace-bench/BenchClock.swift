import Glibc

/// Wall time of a block, best of several runs.
enum BenchClock {
  static func nanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// The fastest of `runs` timings of `body` (with `after` run untimed after each).
  static func best(runs: Int, _ body: () -> Void, after: () -> Void = {}) -> Double {
    var best = UInt64.max
    for _ in 0..<runs {
      let start = nanos()
      body()
      best = min(best, nanos() - start)
      after()
    }
    return Double(best)
  }

  /// The size in bytes of the file a timed run wrote, which is then removed.
  static func sizeRemoving(_ path: String) -> Double {
    var info = stat()
    stat(path, &info)
    unlink(path)
    return Double(info.st_size)
  }
}
