import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// The collector's reading order across threads: a call whose parent is still waiting in
  /// another thread's buffer is held until that parent is read, never promoted to a root.
  @Suite struct CollectorOrderTests {
    init() { Run.reset() }

    /// The Hummingbird shape (`total` spawning `load` task children): the child's thread is
    /// read before the parent's, and the parent's thread first holds the exit of an async
    /// call that began on a third thread (the collector waits a round for such an exit).
    @Test func childHeldWhileItsParentWaitsBehindAnAsyncExit() {
      startTracing()
      let child = Locked<(@Sendable () -> Void)?>(nil)
      // The child's thread records first, so the collector reads it before the parent's.
      let childThread = Thread {
        _TraceCall(site: "note\t_\tOrder.swift\t1", flags: _TraceFlags()).returningVoid()
        while true {
          if let body = child.withLock({ $0 }) {
            body()
            return
          }
          usleep(1000)
        }
      }
      childThread.start()
      usleep(20_000)
      // An async call that began on one thread…
      let asyncCall = Locked<UInt64>(0)
      onThread {
        let call = _TraceCall(site: "a\t_\tOrder.swift\t2", flags: _TraceFlags())
        asyncCall.withLock { $0 = call.slot }
      }
      let parentID = Locked<UInt64>(0)
      let childDone = DispatchSemaphore(value: 0)
      // …ends on the parent's thread, which then opens the parent.
      onThread {
        let slot = asyncCall.withLock { $0 }
        _TraceCall(id: slot & 0x00FF_FFFF_FFFF_FFFF, bits: UInt32(slot >> 56)).returningVoid()
        let parent = _TraceCall(site: "outer\t_\tOrder.swift\t3", flags: _TraceFlags())
        parentID.withLock { $0 = parent.id }
        // The parent's child runs on the first thread, in the parent's task scope.
        child.withLock {
          $0 = {
            let scope = TaskScope(callID: parentID.withLock { $0 }, taskID: 0)
            TaskScope.binding.withValue(scope) {
              _TraceCall(site: "leaf\t_\tOrder.swift\t4", flags: _TraceFlags()).returningVoid()
            }
            childDone.signal()
          }
        }
        childDone.wait()
        parent.returningVoid()
      }
      let events = Run.own(stopTracing())
      let calls = Dictionary(
        uniqueKeysWithValues: events.filter { $0.kind == .call }.map { ($0.qualifiedName, $0) })
      let outer = try? #require(calls["outer"])
      let leaf = try? #require(calls["leaf"])
      #expect(leaf?.parentID != nil)
      #expect(leaf?.parentID == outer?.id)
    }

    /// A thread that records its first call while a drain is under way (a task group's
    /// child on a pool thread never used before) is read before an async exit that waits
    /// for it.
    @Test func childOnAThreadNewSinceTheDrainBeganStaysUnderItsParent() {
      startTracing()
      defer { _ = stopTracing() }
      // The async call `outer` begins on one thread…
      let slot = Locked<UInt64>(0)
      onThread {
        let call = _TraceCall(site: "outer\t_\tOrder.swift\t1", flags: _TraceFlags())
        slot.withLock { $0 = call.slot }
      }
      // …and will end on another, already known to the collector when the drain begins.
      let go = DispatchSemaphore(value: 0)
      let ended = DispatchSemaphore(value: 0)
      Thread {
        _TraceCall(site: "note\t_\tOrder.swift\t2", flags: _TraceFlags()).returningVoid()
        go.wait()
        let slot = slot.withLock { $0 }
        _TraceCall(id: slot & 0x00FF_FFFF_FFFF_FFFF, bits: UInt32(slot >> 56)).returningVoid()
        ended.signal()
      }.start()
      usleep(20_000)
      let outerID = slot.withLock { $0 } & 0x00FF_FFFF_FFFF_FFFF
      var names: [UInt32: String] = [:]
      var calls: [String: CallStart] = [:]
      var hooked = false
      Collector().drain(complete: true) { event in
        if case .callSite(let site) = event { names[site.id] = site.qualifiedName }
        guard case .call(let start) = event, let name = names[start.site] else { return }
        calls[name] = start
        guard name == "outer", !hooked else { return }
        hooked = true
        // Now, after the drain's snapshot of threads: the child runs on a thread new to
        // the runtime, in `outer`'s scope, and ends before `outer`'s exit is written.
        onThread {
          TaskScope.binding.withValue(TaskScope(callID: outerID, taskID: 0)) {
            _TraceCall(site: "leaf\t_\tOrder.swift\t3", flags: _TraceFlags()).returningVoid()
          }
        }
        go.signal()
        ended.wait()
      }
      let outer = try? #require(calls["outer"])
      let leaf = try? #require(calls["leaf"])
      #expect(leaf?.parent != nil)
      #expect(leaf?.parent == outer?.id)
    }
  }
}
