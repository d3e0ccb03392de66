import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// An async call's exit and its task children's calls, read from different threads: the
  /// children come out before the exit, under it, whatever else those threads wait on.
  @Suite struct CollectorExitOrderTests {
    init() { Run.reset() }

    /// Begins an async call on a thread of its own (it ends elsewhere); returns its slot.
    /// (The names are among `Run.ours`: the tests trace only those.)
    private func beginElsewhere(_ begin: @escaping @Sendable () -> _TraceCall) -> UInt64 {
      let slot = Locked<UInt64>(0)
      onThread {
        // (Begun outside the lock: tracing is off inside the runtime's locks.)
        let call = begin()
        slot.withLock { $0 = call.slot }
      }
      return slot.withLock { $0 }
    }

    /// Ends the async call of `slot` on the running thread (an exit off the call's stack).
    private func end(_ slot: UInt64) {
      _TraceCall(id: slot & 0x00FF_FFFF_FFFF_FFFF, bits: UInt32(slot >> 56)).returningVoid()
    }

    /// The Hummingbird flake: `total`'s exit is read on one thread while its child's call
    /// waits on a pool thread behind the exit of another async call (a span that ended
    /// there first). Both exits wait a round for the other threads; neither thread moves, so
    /// both exits pass in the same round, `total`'s first, and its child came out after it.
    @Test func exitWaitsForAChildBehindAnotherThreadsWaitingExit() {
      childBehindAWaitingExit(filler: 0)
    }

    /// The same with the child's call chunks further on (the look-ahead follows the
    /// thread's chunks: 2,048 records each).
    @Test func exitWaitsForAChildSeveralChunksBehind() {
      childBehindAWaitingExit(filler: 3000)
    }

    private func childBehindAWaitingExit(filler: Int) {
      startTracing()
      defer { _ = stopTracing() }
      let span = beginElsewhere { _TraceCall(site: "a\t_\tExit.swift\t1", flags: _TraceFlags()) }
      let total = beginElsewhere {
        _TraceCall(site: "outer\t_\tExit.swift\t2", flags: _TraceFlags())
      }
      // The thread that ends `total` records first, so the collector reads it first.
      let ender = HeldThread(
        first: { _TraceCall(site: "note\t_\tExit.swift\t3", flags: _TraceFlags()).returningVoid() },
        then: { end(total) })
      // A pool thread: the span ends there, then `total`'s child task runs there.
      onThread {
        end(span)
        for _ in 0..<filler {
          _TraceCall(site: "note\t_\tExit.swift\t3", flags: _TraceFlags()).returningVoid()
        }
        let scope = TaskScope(callID: total & 0x00FF_FFFF_FFFF_FFFF, taskID: 0)
        TaskScope.binding.withValue(scope) {
          _TraceCall(site: "leaf\t_\tExit.swift\t4", flags: _TraceFlags()).returningVoid()
        }
      }
      // The child ended before its parent's exit (as a task group's child does).
      ender.finish()
      var names: [UInt32: String] = [:]
      var events: [TraceEvent] = []
      Collector().drain(complete: true) { event in
        if case .callSite(let site) = event { names[site.id] = site.qualifiedName }
        events.append(event)
      }
      func callIndex(_ name: String) -> Int? {
        events.firstIndex {
          if case .call(let start) = $0 { return names[start.site] == name }
          return false
        }
      }
      let totalCall = callIndex("outer").flatMap { index -> CallStart? in
        if case .call(let start) = events[index] { return start }
        return nil
      }
      let leafIndex = callIndex("leaf")
      let totalReturn = events.firstIndex {
        if case .return(let end) = $0 { return end.id == totalCall?.id }
        return false
      }
      #expect(totalCall != nil)
      #expect(leafIndex != nil)
      #expect(totalReturn != nil)
      if let leafIndex, let totalReturn, case .call(let leaf) = events[leafIndex] {
        #expect(leaf.parent == totalCall?.id)
        #expect(leafIndex < totalReturn, "the child's call came out after its parent's exit")
      }
    }

    /// The same wait when the child's call sits behind a call whose parent never shows:
    /// that call passes only once the collector forces waiting records through, and the
    /// exit still waits for the child behind it.
    @Test func exitWaitsForAChildBehindACallWhoseParentNeverShows() {
      startTracing()
      defer { _ = stopTracing() }
      let total = beginElsewhere {
        _TraceCall(site: "outer\t_\tExit.swift\t5", flags: _TraceFlags())
      }
      let enderIndex = Locked<UInt64>(0)
      let ender = HeldThread(
        first: {
          let note = _TraceCall(site: "note\t_\tExit.swift\t6", flags: _TraceFlags())
          let index = note.id >> 40
          note.returningVoid()
          enderIndex.withLock { $0 = index }
        }, then: { end(total) })
      onThread {
        // A call under a parent that the ender's thread never records.
        let missing = enderIndex.withLock { $0 } << 40 | 1_000_000
        TaskScope.binding.withValue(TaskScope(callID: missing, taskID: 0)) {
          _TraceCall(site: "a\t_\tExit.swift\t7", flags: _TraceFlags()).returningVoid()
        }
        TaskScope.binding.withValue(TaskScope(callID: total & 0x00FF_FFFF_FFFF_FFFF, taskID: 0)) {
          _TraceCall(site: "leaf\t_\tExit.swift\t8", flags: _TraceFlags()).returningVoid()
        }
      }
      ender.finish()
      let order = drainedOrder()
      #expect(order.leafParent != nil)
      #expect(order.leafParent == order.outer)
      #expect(
        order.leafBeforeOuterEnds == true, "the child's call came out after its parent's exit")
    }

    /// The wait ends: two exits each waiting for a child queued behind the other's exit (a
    /// cycle no program makes, but a partial read can look like one) both come out when the
    /// collector forces its way through, in one complete drain.
    @Test func exitsWaitingForEachOthersChildrenStillComeOut() {
      startTracing()
      defer { _ = stopTracing() }
      let total = beginElsewhere {
        _TraceCall(site: "outer\t_\tExit.swift\t9", flags: _TraceFlags())
      }
      let other = beginElsewhere { _TraceCall(site: "b\t_\tExit.swift\t10", flags: _TraceFlags()) }
      // One thread ends `outer`, then starts a child of `b` that never ends…
      let ender = HeldThread(
        first: {
          _TraceCall(site: "note\t_\tExit.swift\t11", flags: _TraceFlags()).returningVoid()
        },
        then: {
          end(total)
          TaskScope.binding.withValue(TaskScope(callID: other & 0x00FF_FFFF_FFFF_FFFF, taskID: 0)) {
            _ = _TraceCall(site: "compute\t_\tExit.swift\t12", flags: _TraceFlags())
          }
        })
      // …another ends `b`, then runs a child of `outer`.
      onThread {
        end(other)
        TaskScope.binding.withValue(TaskScope(callID: total & 0x00FF_FFFF_FFFF_FFFF, taskID: 0)) {
          _TraceCall(site: "leaf\t_\tExit.swift\t13", flags: _TraceFlags()).returningVoid()
        }
      }
      ender.finish()
      let order = drainedOrder()
      #expect(order.outerEnded)
      #expect(order.bEnded)
    }

    /// What a complete drain of a fresh collector emitted, as the tests above check it.
    private struct Order {
      var outer: UInt64?
      var leafParent: UInt64?
      var leafBeforeOuterEnds: Bool?
      var outerEnded = false
      var bEnded = false
    }

    private func drainedOrder() -> Order {
      var names: [UInt32: String] = [:]
      var wires: [String: UInt64] = [:]
      var order = Order()
      Collector().drain(complete: true) { event in
        switch event {
        case .callSite(let site): names[site.id] = site.qualifiedName
        case .call(let start):
          guard let name = names[start.site] else { return }
          wires[name] = start.id
          if name == "outer" { order.outer = start.id }
          if name == "leaf" {
            order.leafParent = start.parent
            if order.leafBeforeOuterEnds == nil { order.leafBeforeOuterEnds = true }
          }
        case .return(let end):
          if end.id == wires["outer"] {
            order.outerEnded = true
            if order.leafBeforeOuterEnds == nil { order.leafBeforeOuterEnds = false }
          }
          if end.id == wires["b"] { order.bEnded = true }
        default: break
        }
      }
      return order
    }

    /// A child's call read before its parent's thread is known to the drain (the parent's
    /// thread recorded its first call after the drain's snapshot of threads) waits for that
    /// thread instead of passing as a root: the parent is not "a thread that never shows".
    @Test func childWaitsForAParentOnAThreadNewSinceTheDrainBegan() {
      startTracing()
      defer { _ = stopTracing() }
      // Known to the drain: a first thread (its call is the drain's first event), and the
      // thread that runs the child later.
      onThread {
        _TraceCall(site: "a\t_\tExit.swift\t14", flags: _TraceFlags()).returningVoid()
      }
      let parent = Locked<UInt64>(0)
      let registered = DispatchSemaphore(value: 0)
      let go = DispatchSemaphore(value: 0)
      let childDone = DispatchSemaphore(value: 0)
      Thread {
        _TraceCall(site: "note\t_\tExit.swift\t15", flags: _TraceFlags()).returningVoid()
        registered.signal()
        go.wait()
        let scope = TaskScope(callID: parent.withLock { $0 }, taskID: 0)
        TaskScope.binding.withValue(scope) {
          _TraceCall(site: "leaf\t_\tExit.swift\t16", flags: _TraceFlags()).returningVoid()
        }
        childDone.signal()
      }.start()
      registered.wait()
      var names: [UInt32: String] = [:]
      var calls: [String: CallStart] = [:]
      Collector().drain(complete: true) { event in
        if case .callSite(let site) = event { names[site.id] = site.qualifiedName }
        guard case .call(let start) = event, let name = names[start.site] else { return }
        calls[name] = start
        guard name == "a" else { return }
        // Now, after the snapshot: the parent begins on a thread new to the runtime, and its
        // child runs on the known thread before the drain reads that thread.
        onThread {
          let call = _TraceCall(site: "outer\t_\tExit.swift\t17", flags: _TraceFlags())
          parent.withLock { $0 = call.id }
        }
        go.signal()
        childDone.wait()
      }
      #expect(calls["outer"] != nil)
      #expect(calls["leaf"] != nil)
      #expect(calls["leaf"]?.parent != nil)
      #expect(calls["leaf"]?.parent == calls["outer"]?.id)
    }
  }
}
