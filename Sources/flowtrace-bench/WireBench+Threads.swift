import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

extension WireBench {
  /// One thread's `fib` recursion, run a step at a time so that threads can interleave.
  struct FibThread {
    struct Frame {
      var id: UInt64
      var n: Int
      /// 0: just called; 1: first child returned; 2: second child returned.
      var phase = 0
    }

    let thread: UInt32
    var stack: [Frame] = []
  }

  /// Writes a trace of `threads` threads each running `fib(24)` trees (the calls of
  /// `generate(withValues: true, withErrors: true)`), interleaved in runs of 1–`run` records per
  /// thread, as a multi-threaded program's trace arrives: about `events` events.
  static func generateInterleaved(
    events: Int, threads: Int, run: Int = 200, to path: String
  ) -> (calls: Int, bytes: Int) {
    var encoder = fibTraceStart()
    var workers: [FibThread] = []
    for number in 1...threads {
      encoder.thread(id: UInt32(number), name: "worker \(number)")
      workers.append(FibThread(thread: UInt32(number)))
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var id: UInt64 = 0
    var clock: UInt64 = 0
    var total = 0
    var random: UInt64 = 0x9E37_79B9_7F4A_7C15
    func call(_ n: Int, parent: UInt64?, on worker: inout FibThread) {
      id += 1
      clock += 23
      try? encoder.call(
        id: id, parent: parent, site: 1, thread: worker.thread, task: 0,
        flags: [.args, .result, .timing], timestamp: clock, args: [String(n)])
      worker.stack.append(FibThread.Frame(id: id, n: n))
    }
    /// One record (or a return and the caller's caught error) of `worker`.
    func step(_ worker: inout FibThread) {
      guard var top = worker.stack.last else {
        call(24, parent: nil, on: &worker)
        return
      }
      if top.n >= 2, top.phase < 2 {
        top.phase += 1
        worker.stack[worker.stack.count - 1] = top
        call(top.n - top.phase, parent: top.id, on: &worker)
        return
      }
      let throwsError = top.n == 1 && top.id % 64 == 0
      if throwsError {
        try? encoder.error(
          id: top.id, type: "Odd", description: "Odd(\(top.id))", disposition: .propagated)
      }
      clock += 31
      try? encoder.return(id: top.id, timestamp: clock, result: String(top.n))
      worker.stack.removeLast()
      if throwsError, let caller = worker.stack.last {
        try? encoder.error(id: caller.id, type: "Odd", description: "Odd", disposition: .caught)
      }
    }
    while Int(id) * 2 < events || workers.contains(where: { !$0.stack.isEmpty }) {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let number = Int((random >> 33) % UInt64(threads))
      let steps = 1 + Int((random >> 13) % UInt64(run))
      for _ in 0..<steps {
        if workers[number].stack.isEmpty, Int(id) * 2 >= events { break }
        step(&workers[number])
      }
      if encoder.bytes.count > 1 << 21 {
        encoder.drain { raw in total += write(fd, raw.baseAddress, raw.count) }
      }
    }
    encoder.end()
    encoder.drain { raw in total += write(fd, raw.baseAddress, raw.count) }
    close(fd)
    return (Int(id), total)
  }
}
