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
    var index = start
    let site = recorder.lastSite
    let thread = recorder.index
    let task = recorder.task
    let threadBits = UInt64(thread) << 40
    while index < end {
      let record = records + index
      let kind = record.pointee.kind
      guard record.pointee.flags == 0 else { break }
      if kind == .call {
        let parent = recorder.open.topID
        guard parent != 0, record.pointee.b == parent, record.pointee.a == site.address else {
          break
        }
        let wire = nextWireID
        guard
          encoder.pointee.plainCall(
            id: wire, parent: recorder.open.topWire, site: site.id, thread: thread, task: task)
        else { break }
        nextWireID = wire &+ 1
        let seq = UInt64(record.pointee.spare) << 32 | UInt64(record.pointee.spare2)
        recorder.consumedSeq = seq
        recorder.open.push(threadBits | seq, wire: wire)
      } else if kind == .returnVoid || kind == .returnUncollected {
        let id = record.pointee.a
        guard id != 0, recorder.open.topID == id,
          encoder.pointee.plainReturn(id: recorder.open.topWire)
        else { break }
        _ = recorder.open.popTop()
      } else {
        break
      }
      index &+= 1
    }
    return index
  }
}
