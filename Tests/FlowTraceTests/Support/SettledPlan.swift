import Foundation

@testable import FlowTrace

/// The cached plan of `T`: while another test's thread builds it, a use gets a plan made for
/// that use alone (rendering by casts), so this asks until the same plan comes back.
func settledPlan<T>(for _: T.Type) -> RenderPlan<T> {
  var plan = RenderPlans.plan(for: T.self)
  for _ in 0..<1_000 {
    let again = RenderPlans.plan(for: T.self)
    if again === plan { break }
    plan = again
    usleep(1_000)
  }
  return unsafeDowncast(plan, to: RenderPlan<T>.self)
}
