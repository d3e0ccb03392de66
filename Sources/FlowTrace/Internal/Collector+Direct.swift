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
    let reached = encoder.pointee.plainRun(thread: recorder.index, task: recorder.task) {
      run -> Int in
      var index = start
      while index < end {
        let record = records + index
        let kind = record.pointee.kind
        guard record.pointee.flags == 0 else { break }
        if kind == .call {
          let parent = recorder.open.topID
          guard parent != 0, record.pointee.b == parent, record.pointee.a == site.address,
            run.call(id: nextWireID, parent: recorder.open.topWire, site: site.id)
          else { break }
          let seq = UInt64(record.pointee.spare) << 32 | UInt64(record.pointee.spare2)
          recorder.consumedSeq = seq
          recorder.open.push(threadBits | seq, wire: nextWireID)
          nextWireID &+= 1
        } else if kind == .returnVoid || kind == .returnUncollected {
          let id = record.pointee.a
          guard id != 0, recorder.open.topID == id, run.return(id: recorder.open.topWire) else {
            break
          }
          _ = recorder.open.popTop()
        } else {
          break
        }
        index &+= 1
      }
      return index
    }
    return reached ?? start
  }
}
