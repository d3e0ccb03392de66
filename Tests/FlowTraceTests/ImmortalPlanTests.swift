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
