import FlowTraceWire

extension Collector {
  /// Encodes a run of one thread's plainest records straight into the direct encoder:
  /// structure-only calls nested in the thread's innermost open call, at the site of the
  /// thread's previous call, and the plain returns of innermost calls. Stops at the first
  /// record that needs the general path (`handle`); returns the index reached.
  ///
  /// Every record taken here is one `handle` would treat the same way: its parent or call is
  /// the thread's own innermost open call (so nothing waits on another thread), no text,
  /// no task-scope parent, no async exit.
  func encodePlainRun(
    _ recorder: ThreadRecorder, _ records: UnsafeMutablePointer<RawRecord>, from start: Int,
    to end: Int, into encoder: UnsafeMutablePointer<TraceEncoder>
  ) -> Int {
    // Most records are not plain when values or timing are collected: no run for those.
    let first = records[start]
    guard first.flags == 0,
      first.kind == .call || first.kind == .returnVoid || first.kind == .returnUncollected
    else { return start }
    let site = recorder.lastSite
    let threadBits = UInt64(recorder.index) << 40
    // Kept in locals (registers) during the run, stored back once after it.
    var open = recorder.open
    var wire = nextWireID
    var lastSeq: UInt64 = 0
    let reached = encoder.pointee.plainRun(thread: recorder.index, task: recorder.task) {
      runState -> Int in
      // Locals whose address never escapes: the compiler keeps them in registers across the
      // raw byte stores (state reached through pointers must be reloaded after each).
      var run = runState
      var calls = open
      var next = wire
      var seq = lastSeq
      let (records, end, address, siteID) = (records, end, site.address, site.id)
      var index = start
      while index < end {
        let record = records[index]
        guard record.flags == 0 else { break }
        if record.kind == .call {
          let parent = calls.topID
          guard parent != 0, record.b == parent, record.a == address,
            run.call(id: next, parent: calls.topWire, site: siteID)
          else { break }
          seq = UInt64(record.spare) << 32 | UInt64(record.spare2)
          calls.push(threadBits | seq, wire: next)
          next &+= 1
        } else if record.kind == .returnVoid || record.kind == .returnUncollected {
          guard record.a != 0, calls.topID == record.a, run.return(id: calls.topWire) else {
            break
          }
          _ = calls.popTop()
        } else {
          break
        }
        index &+= 1
      }
      runState = run
      open = calls
      wire = next
      lastSeq = seq
      return index
    }
    recorder.open = open
    nextWireID = wire
    if lastSeq != 0 { recorder.consumedSeq = lastSeq }
    return reached ?? start
  }
}
