import FlowTraceWire

extension Collector {
  /// Encodes a run of one thread's plainest records straight into the direct encoder:
  /// structure-only calls at a site the collector knows (`siteCache`), each nested in the
  /// thread's innermost open call or a root when the encoder's context has no open call, and
  /// the plain returns of innermost calls. Stops at the first record that needs the general
  /// path (`handle`); returns the index reached.
  ///
  /// Every record taken here is one `handle` would treat the same way: its parent or call is
  /// the thread's own innermost open call or none (so nothing waits on another thread), no
  /// text, no task-scope parent, no async exit, no new site to define.
  func encodePlainRun(
    _ recorder: ThreadRecorder, _ records: UnsafeMutablePointer<RawRecord>, from start: Int,
    to end: Int, into encoder: UnsafeMutablePointer<TraceEncoder>
  ) -> Int {
    // Most records are not plain when values or timing are collected: no run for those.
    let first = records[start]
    guard first.flags == 0,
      first.kind == .call || first.kind == .returnVoid || first.kind == .returnUncollected
    else { return start }
    let threadBits = UInt64(recorder.index) << 40
    let expectedID = nextWireID
    let cache = siteCache
    // Kept in locals (registers) during the run, stored back once after it.
    var open = recorder.open
    var lastSeq: UInt64 = 0
    var next = expectedID
    var site = recorder.lastSite
    let reached = encoder.pointee.plainRun(thread: recorder.index, task: recorder.task) {
      runState -> Int in
      guard runState.nextID == expectedID else { return start }
      var run = runState
      var calls = open
      var seq = lastSeq
      // No previous site yet: an address no record holds, so the first call looks it up.
      var (address, siteID) = site.id == 0 ? (UInt64.max, UInt32(0)) : site
      // Calls the run opened and still has open: the top of `calls`. Below them, the
      // collector's open calls must be the encoder's (`run.base`), checked as they are met.
      var inRun = 0
      let (records, end) = (records, end)
      var index = start
      while index < end, run.used < run.limit {
        let record = records[index]
        guard record.flags == 0 else { break }
        if record.kind == .call {
          if record.a != address {
            let known = cache.id(of: record.a)
            guard known != 0 else { break }
            (address, siteID) = (record.a, known)
          }
          if record.b == 0 {
            // A root: implicit only while the encoder's context has no open call.
            guard inRun == 0, run.baseTop == nil else { break }
          } else {
            guard record.b == calls.topID else { break }
            if inRun == 0 {
              guard run.baseTop == calls.topWire else { break }
            } else if inRun == run.pushedCapacity {
              break
            }
          }
          seq = UInt64(record.spare) << 32 | UInt64(record.spare2)
          calls.push(threadBits | seq, wire: run.nextID)
          run.writeCall(site: siteID)
          inRun &+= 1
        } else if record.kind == .returnVoid || record.kind == .returnUncollected {
          guard record.a != 0, calls.topID == record.a else { break }
          if inRun > 0 {
            inRun &-= 1
          } else {
            guard run.baseTop == calls.topWire else { break }
            run.popped &+= 1
          }
          run.writeReturn()
          _ = calls.popTop()
        } else {
          break
        }
        index &+= 1
      }
      // The run's calls still open, outermost first, become the encoder's.
      let first = calls.count - inRun
      for offset in 0..<inRun { run.pushed[offset] = calls.wire(at: first + offset) }
      run.pushedCount = inRun
      runState = run
      open = calls
      lastSeq = seq
      next = run.nextID
      site = (address, siteID)
      return index
    }
    recorder.open = open
    recorder.lastSite = site
    nextWireID = next
    if lastSeq != 0 { recorder.consumedSeq = lastSeq }
    return reached ?? start
  }
}
