import FlowTrace
import Testing

/// A box whose state changes after a traced call (to see when a value was rendered).
final class MixCounter: @unchecked Sendable {
  var count = 0
}

/// A `Sendable` value type holding a reference: it renders later, so it shows the state then.
struct LaterView: Sendable, CustomStringConvertible {
  let counter: MixCounter
  var description: String { "later \(counter.count)" }
}

/// The same, not `Sendable` (an internal struct would be inferred `Sendable` without this):
/// it renders at call time.
struct NowView: CustomStringConvertible {
  let counter: MixCounter
  var description: String { "now \(counter.count)" }
}

@available(*, unavailable)
extension NowView: Sendable {}

@Trace func mixPass<T: Sendable>(_ value: T) -> T { value }
@Trace func mixPassAny<T>(_ value: T) -> T { value }
@Trace func mixPassPlain(_ value: MixPlain) -> MixPlain { value }
@Trace func mixLater(_ view: LaterView) {}
@Trace func mixNow(_ view: NowView) {}
@Trace func mixClass(_ node: MixDescribedNode) {}

extension RuntimeSuite {
  /// The render plans against the rule they replace: same text for every value of the mix.
  @Suite struct ValueRenderDifferentialTests {
    static let names = ["mixPass", "mixPassAny", "mixPassPlain", "mixLater", "mixNow", "mixClass"]

    init() {
      FlowTrace.resetConfig()
      FlowTrace.config(include: Self.names)
    }

    @Test(arguments: [1, 2, 3, 5, 10, 40, 200, 1_000, 100_000])
    func planTextIsTheOldText(limit: Int) {
      for value in mixCases() {
        #expect(value.plan(limit) == value.oracle(limit), "\(value.name) at limit \(limit)")
      }
    }

    @Test(arguments: [5, 200])
    func changedCollectionsShowTheirNewText(limit: Int) {
      for (plan, oracle) in mixChangedCollections(limit: limit) {
        #expect(plan == oracle)
      }
    }

    /// End to end: values recorded by traced functions (a `Sendable` generic, an
    /// unconstrained generic, a concrete type) read back from a session as the old rule.
    @Test(arguments: [10, 200])
    func tracedTextIsTheOldText(limit: Int) {
      FlowTrace.config(maxValueLength: limit)
      defer { FlowTrace.resetConfig() }
      let plain = MixPlain(from: 2, label: "two")
      let long = mixStrings[11]
      let payload = MixPayload.heading(level: 1, text: long)
      let events = withTracing(showArgs: true, showResult: true) {
        _ = mixPass(plain)
        _ = mixPass(payload)
        _ = mixPass(Optional(MixTraced(x: 3)))
        _ = mixPass([long: [plain]])
        _ = mixPass(MixBig(limbs: [1, 2, 3]))
        _ = mixPassAny(plain)
        _ = mixPassAny(Optional(long))
        _ = mixPassPlain(plain)
      }.filter { Self.names.contains($0.qualifiedName) }
      let expected: [String] = [
        oldRule(plain, limit: limit), oldRule(payload, limit: limit),
        oldRule(Optional(MixTraced(x: 3)), limit: limit), oldRule([long: [plain]], limit: limit),
        oldRule(MixBig(limbs: [1, 2, 3]), limit: limit), oldRule(plain, limit: limit),
        oldRule(Optional(long), limit: limit), oldRule(plain, limit: limit),
      ]
      let calls = events.filter { $0.kind == .call }
      let returns = events.filter { $0.kind == .return }
      #expect(calls.map { $0.arguments?.first ?? "-" } == expected)
      #expect(returns.map { $0.result ?? "-" } == expected)
    }

    /// The rule: a `Sendable` value type renders later (here: after the counter changed);
    /// a non-`Sendable` value and a class instance render when the call happens.
    @Test func sendableValuesRenderLaterOthersNow() {
      let counter = MixCounter()
      let node = MixDescribedNode()
      let events = withTracing(showArgs: true, showResult: false) {
        mixLater(LaterView(counter: counter))
        mixNow(NowView(counter: counter))
        mixClass(node)
        counter.count = 5
        node.position = 5
      }.filter { $0.kind == .call && Self.names.contains($0.qualifiedName) }
      #expect(events.map { $0.arguments?.first ?? "-" } == ["later 5", "now 0", "node at 0"])
    }
  }
}
