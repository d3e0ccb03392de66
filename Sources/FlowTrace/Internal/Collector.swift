import CFlowTraceRuntime
import FlowTraceText
import FlowTraceWire
import Glibc

/// Turns the threads' raw records into `TraceEvent`s in a valid order (a parent's call
/// before its children's, every thread in its own order). Used only under `Runtime`'s
/// collector lock.
final class Collector {
  // Used only under the collector lock: exclusivity checks would be pure overhead.
  @exclusivity(unchecked) private var siteIDs: [UInt64: UInt32] = [:]
  /// The sites of `siteIDs` met lately, looked up first (and by plain runs only).
  let siteCache = SiteCache()
  @exclusivity(unchecked) private(set) var sites: [CallSite] = []
  @exclusivity(unchecked) private(set) var threads: [ThreadInfo] = []
  @exclusivity(unchecked) private var announcedTasks: Set<UInt64> = []
  @exclusivity(unchecked) private(set) var tasks: [TaskInfo] = []
  @exclusivity(unchecked) var nextWireID: UInt64 = 1
  @exclusivity(unchecked) var recorders: [ThreadRecorder] = []
  /// Every recorder seen, at its thread id - 1; nil once retired (Collector+Retire.swift).
  @exclusivity(unchecked) var slots: [ThreadRecorder?] = []
  @exclusivity(unchecked) var maxValueLength = 200
  /// The text of the value record being handled, written into `valueStore` (memory reused
  /// from record to record).
  @exclusivity(unchecked) var resultText = BoundedText(limit: 200, store: .placeholder)
  let valueStore = ByteStore()
  /// Open calls started from a task scope (child id → parent id), and how many such open
  /// children each parent has: an async call's exit waits for them.
  @exclusivity(unchecked) var remoteParent: [UInt64: UInt64] = [:]
  @exclusivity(unchecked) var remoteChildren: [UInt64: Int] = [:]
  /// Per thread: the task children's calls committed but not read yet, found by searching
  /// ahead of the read position (Collector+QueuedChildren.swift).
  @exclusivity(unchecked) var childSearches: [UInt32: ChildSearch] = [:]
  /// 0: keep every ordering rule; 1: pass a record waiting on another thread that has
  /// nothing unread (its parent never shows: it began before reading began); 2: pass every
  /// waiting record; 3: also let an async exit pass open children (an unstructured task
  /// outliving its creator).
  @exclusivity(unchecked) var forceLevel = 0
  /// While set, calls and returns are encoded straight into this encoder instead of being
  /// emitted as events (the file sink is the only consumer); other records are still emitted.
  @exclusivity(unchecked) var direct: UnsafeMutablePointer<TraceEncoder>?
  /// Calls and returns the direct encoder refused (counted, as the event path counts them).
  @exclusivity(unchecked) var directFailures = 0
  /// Off only in tests: every record takes the general path (`handle`), whose output plain
  /// runs must match byte for byte.
  @exclusivity(unchecked) var usesPlainRuns = true
  /// Set when a plain run rendered a return's result into `resultText` but had no room left
  /// for it: the general path ends that call with the text as it is.
  @exclusivity(unchecked) var resultIsWritten = false
  /// Tests only: the recorders to read instead of the registry's.
  @exclusivity(unchecked) var fixedRecorders: [ThreadRecorder]?
  /// Records read so far (roughly: a partial drain's caller learns whether more may wait).
  @exclusivity(unchecked) var recordsRead = 0

  deinit { siteCache.deallocate() }

  /// Returns and resets the count of records the direct encoder refused.
  func takeDirectFailures() -> Int {
    defer { directFailures = 0 }
    return directFailures
  }

  /// Reads the published records of every thread, emitting events in order. A partial drain
  /// (the background writer's) reads a bounded amount, so a thread that keeps writing cannot
  /// hold it; a complete one reads until nothing is left.
  func drain(complete: Bool = true, _ emit: (TraceEvent) -> Void) {
    recorders = fixedRecorders ?? Registry.shared.snapshot()
    noteNewRecorders()
    defer { retireReadThreads() }
    // Until a round says otherwise, every thread may still hold an async call's children.
    for recorder in recorders { recorder.progressedLastRound = true }
    forceLevel = 0
    var rounds = 0
    while rounds < (complete ? Int.max : 4) {
      rounds += 1
      if rounds > 1 { adoptNewRecorders() }
      var progress = false
      var blocked = false
      var moved: [Bool] = []
      for recorder in recorders {
        let outcome = consume(recorder, budget: 1 << 16, emit)
        reportDrops(recorder, emit)
        moved.append(outcome == .progressed)
        switch outcome {
        case .progressed: progress = true
        // Arming an exit changes what the next round may read: not stuck yet.
        case .armed: (progress, blocked) = (true, true)
        case .blocked: blocked = true
        case .idle: break
        }
        if recorder.exitArmed { blocked = true }
      }
      for (recorder, moved) in zip(recorders, moved) { recorder.progressedLastRound = moved }
      if progress {
        forceLevel = 0
        if !complete, !blocked { return }
        continue
      }
      // Stuck: a parent that never shows (it started before we were reading), then an
      // async exit whose children never end.
      if blocked, forceLevel < 3 {
        forceLevel += 1
        continue
      }
      return
    }
  }

  /// What one thread's turn did: read records, armed an async exit (it waits one round for
  /// the other threads), stopped at a record that must wait, or found nothing to read.
  enum Outcome { case progressed, armed, blocked, idle }

  /// Emits a loss event for the calls a thread dropped since the last report (placed under
  /// the thread's innermost open call as the collector sees it).
  private func reportDrops(_ recorder: ThreadRecorder, _ emit: (TraceEvent) -> Void) {
    let total = ft_load_relaxed(recorder.dropped)
    guard total > recorder.reportedDrops else { return }
    let count = UInt64(total - recorder.reportedDrops)
    recorder.reportedDrops = total
    emit(.loss(Loss(count: count, thread: recorder.index, parent: recorder.open.lastWire)))
  }

  /// Consumes one thread's records until its published end or a call whose cross-thread
  /// parent is not emitted yet.
  private func consume(
    _ recorder: ThreadRecorder, budget: Int, _ emit: (TraceEvent) -> Void
  ) -> Outcome {
    let force = forceLevel >= 2
    var progressed = false
    var budget = budget
    let initialBudget = budget
    defer { recordsRead &+= initialBudget - max(budget, 0) }
    // Held across records (not re-read from the recorder each time: a retain per record).
    var chunk = recorder.readChunk
    while budget > 0 {
      budget -= 1
      let committed = ft_load_acquire(chunk.committed)
      if recorder.readIndex >= committed {
        guard chunk.sealed.load(ordering: .acquiring), let next = chunk.next else {
          // (`committed` read again after `exited`: the thread's last records come before.)
          if recorder.exited.load(ordering: .acquiring),
            recorder.readIndex >= ft_load_acquire(chunk.committed)
          {
            recorder.releaseBuffers()
          }
          return progressed ? .progressed : .idle
        }
        recorder.readChunk = next
        RecordChunk.recycle(chunk)
        chunk = next
        recorder.readIndex = 0
        ft_add_relaxed(recorder.backlog, -1)
        continue
      }
      if let direct, usesPlainRuns, recorder.announced, remoteParent.isEmpty,
        chunk.records[recorder.readIndex].flags & ~Collector.runFlags == 0
      {
        let start = recorder.readIndex
        let end = min(committed, start + budget + 1)
        let reached = encodePlainRun(recorder, chunk.records, from: start, to: end, into: direct)
        if reached > start {
          recorder.readIndex = reached
          budget -= reached - start - 1
          progressed = true
          continue
        }
      }
      let index = recorder.readIndex
      let record = chunk.records[index]
      if usesPlainRuns, record.flags == 0, recorder.announced,
        Collector.isTextlessArgument(record.kind)
      {
        // An argument waits on nothing and has no text: straight to the pending arguments
        // (as `handle` would; off with plain runs, so tests compare it with `handle`).
        if record.kind == .argValue { chunk.records[index].b = 0 }
        recorder.readIndex = index + 1
        progressed = true
        appendArgument(record, text: nil, recorder)
        continue
      }
      if !force, isWaiting(record) {
        return progressed ? .progressed : .blocked
      }
      if record.flags & RecordFlags.asyncExit != 0, record.kind != .call {
        if forceLevel < 3, remoteChildren[record.a, default: 0] > 0 {
          return progressed ? .progressed : .blocked
        }
        if !force {
          // Children of an async call run on other threads: read those up to now first.
          if !recorder.exitArmed {
            recorder.exitArmed = true
            return progressed ? .progressed : .armed
          }
          if recorders.contains(where: { $0 !== recorder && $0.progressedLastRound }) {
            return progressed ? .progressed : .blocked
          }
        }
        // A child's call still unread on a thread that did not move (it waits behind a
        // record that waits itself, say another async exit) holds the exit too.
        if forceLevel < 3, hasQueuedChild(of: record.a, besides: recorder) {
          return progressed ? .progressed : .blocked
        }
        recorder.exitArmed = false
      }
      if !recorder.announced {
        recorder.announced = true
        if recorder.tid != getpid() {
          // The name now (threads are often named after their first call): its last name
          // if it ended, else the live one.
          let now =
            recorder.exited.load(ordering: .acquiring)
            ? recorder.exitName : Registry.currentName(ofThread: recorder.tid)
          if let now { recorder.name = now }
        }
        let info = ThreadInfo(id: recorder.index, name: recorder.name)
        threads.append(info)
        emit(.thread(info))
      }
      var text: String?
      if record.flags & RecordFlags.hasText != 0 {
        text = chunk.takeText(index)
        chunk.records[index].flags &= ~RecordFlags.hasText
      }
      if record.kind == .argValue || record.kind == .returnValue {
        // Taken by `handle` (rendered and released there).
        chunk.records[index].b = 0
      }
      recorder.readIndex = index + 1
      progressed = true
      handle(record, text: text, recorder, emit)
    }
    return .progressed
  }

  /// True when a record refers to a call of another thread that is not read yet: a call's
  /// parent, or the call an exit or error belongs to (async calls end on other threads).
  private func isWaiting(_ record: RawRecord) -> Bool {
    let other: UInt64
    switch record.kind {
    case .call: other = record.b
    case .returnVoid, .returnInt, .returnDouble, .returnBool, .returnText, .returnString,
      .returnValue, .returnUncollected, .propagated, .caught:
      other = record.a
    default: return false
    }
    guard other != 0 else { return false }
    guard let owner = recorder(of: other) else {
      // No recorder: a retired thread (the call never shows), or a thread that recorded its
      // first call since the drain's snapshot (the next round takes it in): wait for that.
      return Int(other >> 40) > slots.count
    }
    guard owner.consumedSeq < other & Collector.seqMask else { return false }
    // Forced, a record waits only while the other thread still has records to read: the
    // call it waits for may be among them, behind a record that waits itself.
    return forceLevel == 0 || owner.hasUnread
  }

  static let seqMask: UInt64 = (1 << 40) - 1

  /// An argument record whose value is in the record itself (not in its text).
  @inline(__always)
  static func isTextlessArgument(_ kind: RecordKind) -> Bool {
    kind == .argInt || kind == .argDouble || kind == .argBool || kind == .argValue
  }

  func recorder(of id: UInt64) -> ThreadRecorder? {
    let index = Int(id >> 40)
    guard index >= 1, index <= slots.count else { return nil }
    return slots[index - 1]
  }

  /// The wire id of an internal call id (open, or recently ended); `remove` closes it.
  func wireID(of id: UInt64, remove: Bool) -> UInt64? {
    guard let owner = recorder(of: id) else { return nil }
    // Fast path: the innermost open call of its thread (every synchronous return).
    if owner.open.topID == id, id != 0 {
      return remove ? owner.open.popTop() : owner.open.topWire
    }
    if let position = owner.open.position(of: id) {
      return remove ? owner.open.remove(at: position) : owner.open.wire(at: position)
    }
    return remove ? nil : owner.open.closedWire(of: id)
  }

  func site(_ address: UInt64, _ emit: (TraceEvent) -> Void) -> UInt32 {
    let cached = siteCache.id(of: address)
    if cached != 0 { return cached }
    if let known = siteIDs[address] {
      siteCache.note(address, id: known)
      return known
    }
    let id = UInt32(sites.count + 1)
    let pointer = UnsafePointer<UInt8>(bitPattern: UInt(address))
    let site =
      pointer.map { SiteText($0).callSite(id: id) }
      ?? CallSite(id: id, qualifiedName: "?", labels: [], file: "", line: 0)
    siteIDs[address] = id
    siteCache.note(address, id: id)
    sites.append(site)
    emit(.callSite(site))
    return id
  }

  func announceTask(_ id: UInt64, parent: UInt64, _ emit: (TraceEvent) -> Void) {
    guard id != 0, !announcedTasks.contains(id) else { return }
    announcedTasks.insert(id)
    let info = TaskInfo(id: id, parent: parent == 0 ? nil : parent, name: "task \(id)")
    tasks.append(info)
    emit(.task(info))
  }

  func takeWireID() -> UInt64 {
    defer { nextWireID += 1 }
    return nextWireID
  }
}
