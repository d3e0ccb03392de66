import FlowTraceWire

extension Collector {
  /// Encodes a run of one thread's plainer records straight into the direct encoder: calls
  /// without timing at a site the collector knows (`siteCache`), each nested in the thread's
  /// innermost open call or a root when the encoder's context has no open call, with their
  /// arguments (rendered into the thread's pending arguments as they are met), and the returns
  /// of innermost calls, with their results. Stops at the first record that needs the general
  /// path (`handle`); returns the index reached.
  ///
  /// Every record taken here is one `handle` would treat the same way: its parent or call is
  /// the thread's own innermost open call or none (so nothing waits on another thread), no
  /// timing, no task-scope parent, no async exit, no error, no new site to define. The bytes
  /// are the ones the general path writes (`CollectorPlainRunTests`).
  func encodePlainRun(
    _ recorder: ThreadRecorder, _ records: UnsafeMutablePointer<RawRecord>, from start: Int,
    to end: Int, into encoder: UnsafeMutablePointer<TraceEncoder>
  ) -> Int {
    // Timed records, errors, tasks and losses take the general path: no run at those. Nor
    // when the general path must end a return whose result a run wrote already.
    let first = records[start]
    guard first.flags & ~Collector.runFlags == 0,
      first.kind.rawValue < RecordKind.propagated.rawValue, !resultIsWritten
    else { return start }
    let threadBits = UInt64(recorder.index) << 40
    let expectedID = nextWireID
    let cache = siteCache
    let chunk = recorder.readChunk
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
        guard record.flags & ~Collector.runFlags == 0,
          record.kind.rawValue < RecordKind.propagated.rawValue
        else { break }
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
          guard writeRunCall(record, site: siteID, into: &run, recorder) else { break }
          seq = UInt64(record.spare) << 32 | UInt64(record.spare2)
          calls.push(threadBits | seq, wire: run.nextID &- 1)
          inRun &+= 1
        } else if record.kind.rawValue >= RecordKind.returnVoid.rawValue {
          guard record.a != 0, calls.topID == record.a else { break }
          if inRun == 0 { guard run.baseTop == calls.topWire else { break } }
          if record.kind == .returnVoid || record.kind == .returnUncollected {
            run.writeReturn()
          } else {
            let (taken, text) = takeValue(record, at: index, records, chunk)
            writeValue(taken, text: text, recorder)
            let written = resultText.withText { run.writeReturn(result: $0) }
            // The general path ends the call with the result rendered here.
            guard written else {
              resultIsWritten = true
              break
            }
          }
          if inRun > 0 { inRun &-= 1 } else { run.popped &+= 1 }
          _ = calls.popTop()
        } else {
          // An argument (records before `call` hold them): to the pending arguments.
          let (taken, text) = takeValue(record, at: index, records, chunk)
          appendArgument(taken, text: text, recorder)
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

  /// Writes a call record into `run` with the thread's pending arguments when it collects
  /// them, and empties those, as `call` does; false (nothing written) when it does not fit.
  @inline(__always)
  private func writeRunCall(
    _ record: RawRecord, site: UInt32, into run: inout PlainRun, _ recorder: ThreadRecorder
  ) -> Bool {
    let collect = record.flags & (Collector.argsBit | Collector.resultBit)
    if collect == 0 {
      run.writeCall(site: site)
    } else if collect & Collector.argsBit != 0 {
      let count = recorder.pendingArgs.count
      let written = recorder.pendingArgs.withEncoded {
        run.writeCall(site: site, flags: collect, arguments: $0, argumentCount: count)
      }
      guard written else { return false }
    } else {
      guard run.writeCall(site: site, flags: collect, arguments: nil, argumentCount: 0)
      else { return false }
    }
    if !recorder.pendingArgs.isEmpty { recorder.pendingArgs.removeAll() }
    return true
  }

  /// The value record at `index` as a run takes it: its text moved out of the chunk and its
  /// kept value marked taken (as `consume` does), so neither is taken twice.
  @inline(__always)
  private func takeValue(
    _ record: RawRecord, at index: Int, _ records: UnsafeMutablePointer<RawRecord>,
    _ chunk: RecordChunk
  ) -> (RawRecord, String?) {
    var text: String?
    if record.flags & RecordFlags.hasText != 0 {
      text = chunk.takeText(index)
      records[index].flags &= ~RecordFlags.hasText
    }
    if record.kind == .argValue || record.kind == .returnValue { records[index].b = 0 }
    return (record, text)
  }
}
