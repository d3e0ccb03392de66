import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// Which enums the metadata reader takes (their texts are checked against reflection by
  /// `ValueRenderDifferentialTests`) and which it leaves to `String(reflecting:)`. In the
  /// serialized suite: a plan being built by another test reads as `.dynamic` meanwhile.
  @Suite struct EnumPlanTests {
    private func readsMetadata<T>(_: T.Type) -> Bool {
      guard EnumCases.read(T.self) != nil,
        case .reflecting(let reflecting) = settledPlan(for: T.self).style,
        case .enumCases = reflecting
      else { return false }
      return true
    }

    @Test func enumsWithPayloadsAreReadFromTheirMetadata() {
      #expect(readsMetadata(MixSingle.self))
      #expect(readsMetadata(MixShapes.self))
      #expect(readsMetadata(MixLabels.self))
      #expect(readsMetadata(MixEither<Int, String>.self))
      #expect(readsMetadata(MixHeld.self))
      #expect(readsMetadata(Result<Int, any Error>.self))
    }

    @Test func indirectAndStoragelessPayloadsAreLeftToReflection() {
      #expect(!readsMetadata(MixExpr.self))
      #expect(!readsMetadata(MixPartlyIndirect.self))
      #expect(!readsMetadata(MixUnit.self))
    }

    /// A copy is projected and made an enum again: the value and its payload's storage stay
    /// intact through many renders (a wrong re-injection shows as a changed case or a crash).
    @Test func renderingLeavesTheValueIntact() {
      let shapes: [MixShapes] = [.label("kept " + String(repeating: "x", count: 40)), .point]
      for _ in 0..<1_000 { _ = ValueRender.render(shapes, limit: 200) }
      #expect(String(reflecting: shapes[0]).hasSuffix("xxxx\")"))
      #expect(ValueRender.render(shapes[1], limit: 200) == "FlowTraceTests.MixShapes.point")
    }
  }
}
