import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// A thread that records its first call while a drain is under way (a task group's child on
  /// a pool thread never used before) is read before an async exit that waits for it.
  @Suite struct CollectorNewThreadTests {
    init() { Run.reset() }

    /// Runs `body` on a new thread and waits for it.
    private func onThread(_ body: @escaping @Sendable () -> Void) {
      let done = DispatchSemaphore(value: 0)
      Thread {
        body()
        done.signal()
      }.start()
      done.wait()
    }

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
          TaskScope.$current.withValue(TaskScope(callID: outerID, taskID: 0)) {
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
