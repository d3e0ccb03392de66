import CFlowTraceRuntime
import Foundation
import Testing

@testable import FlowTrace

/// Cached render plans are immortal: every thread that records or renders a type retains its
/// plan, and an immortal object's retains and releases only read its reference count word, so
/// the plan's cache line is not written by two cores in turn.
@Suite struct ImmortalPlanTests {
  private struct Sample: Sendable {
    let count: Int
    let label: String
  }
  private final class Holder {}

  /// The object's reference count word (the word after its type).
  private func countWord(_ object: AnyObject) -> UInt64 {
    UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque())
      .load(fromByteOffset: 8, as: UInt64.self)
  }

  @Test func retainingACachedPlanLeavesItsCountAlone() {
    let plan = RenderPlans.plan(for: Sample.self)
    let before = countWord(plan)
    let unmanaged = Unmanaged.passUnretained(plan)
    for _ in 0..<3 { _ = unmanaged.retain() }
    let retained = countWord(plan)
    for _ in 0..<3 { unmanaged.release() }
    #expect(retained == before)
    #expect(countWord(plan) == before)
    #expect(before >> 63 == 1)
    // Still a working plan.
    #expect(ValueRender.render(Sample(count: 3, label: "x"), limit: 200).contains("count: 3"))
  }

  @Test func anOrdinaryObjectBecomesImmortalOnceAndOnlyOnce() {
    let holder = Holder()
    let before = countWord(holder)
    _ = Unmanaged.passUnretained(holder).retain()
    #expect(countWord(holder) != before)  // an ordinary count moves
    Unmanaged.passUnretained(holder).release()
    #expect(ft_make_immortal(Unmanaged.passUnretained(holder).toOpaque()) == 1)
    let immortal = countWord(holder)
    _ = Unmanaged.passUnretained(holder).retain()
    #expect(countWord(holder) == immortal)
    #expect(ft_make_immortal(Unmanaged.passUnretained(holder).toOpaque()) == 0)
  }
}

/// The lock-free plan slots: types whose home slots collide are still found there.
@Suite struct PlanSlotTests {
  @Test func typesWhoseHomeSlotsCollideAreFoundWithoutTheLock() {
    var types: [Any.Type] = []
    // Distinct types, one nested in the next: arrays and optionals in turn.
    func nest<T>(_: T.Type, _ depth: Int) {
      types.append(T.self)
      guard depth > 0 else { return }
      if depth.isMultiple(of: 2) { nest([T].self, depth - 1) } else { nest(T?.self, depth - 1) }
    }
    func sharing() -> [Any.Type] {
      Array(
        Dictionary(grouping: types) { RenderPlans.homeSlot(of: $0) }.values
          .filter { $0.count > 1 }.joined())
    }
    // Home slots come from metadata addresses: types made one after another can all miss
    // each other, so more are made until two share one.
    for root: Any.Type in [Int8.self, Int16.self, UInt16.self, Float.self] where sharing().count < 2
    {
      func start<R>(_: R.Type) { nest(R.self, 160) }
      _openExistential(root, do: start)
    }
    // Only the types that share a home slot get plans here (and the types nested in them):
    // the table stays as full as the rest of the tests leave it.
    let shared = sharing()
    for type in shared { _ = RenderPlans.plan(forAny: type) }
    #expect(shared.count >= 2, "no two of \(types.count) types share a home slot")
    let missing = shared.filter { !RenderPlans.isInSlots($0) }
    #expect(missing.isEmpty, "looked up under the lock: \(missing)")
  }
}
