import Foundation
import Testing

@testable import FlowTrace

/// Render programs (a plan flattened into steps over the value's memory): which plans get
/// one, and that running one writes what the plan's own rule writes, cut alike.
@Suite struct RenderProgramTests {
  @Test func structsOfFieldsOptionalsAndCaseEnumsHavePrograms() {
    #expect(settledPlan(for: MixWidths.self).program != nil)
    #expect(settledPlan(for: MixPlain?.self).program != nil)
    #expect(settledPlan(for: MixDay.self).program != nil)
    #expect(settledPlan(for: Int.self).program != nil)
    // Rendered by their own text, a walk over storage, or a class's dynamic type: no program.
    #expect(settledPlan(for: MixBig.self).program == nil)
    #expect(settledPlan(for: [Int].self).program == nil)
    #expect(settledPlan(for: MixNode.self).program == nil)
    #expect(settledPlan(for: MixPayload.self).program == nil)
  }

  /// A field with no program of its own (an array, a `description`) is a step that runs its
  /// plan; nested structs and optionals are inlined.
  @Test func fieldsWithoutProgramsRunTheirPlans() throws {
    let program = try #require(settledPlan(for: MixWidths.self).program)
    let ops = program.steps.map(\.op)
    #expect(ops.filter { $0 == .plan }.count == 2)  // MixNested.list, big
    // letter, noLetter, inner, inner's maybe, none, deep (two levels)
    #expect(ops.filter { $0 == .optional }.count == 7)
    #expect(ops.contains(.cases))
    #expect(ops.contains(.utf8))  // "straße: " is not ASCII
  }

  /// Every cut of a program's text is the cut of `String(reflecting:)`.
  @Test func programTextIsReflectionAtEveryLimit() {
    let values: [(String, (Int) -> String)] = [
      ("widths", { ValueRender.render(MixWidths(), limit: $0) }),
      ("widths?", { ValueRender.render(Optional(MixWidths()), limit: $0) }),
      ("nested", { ValueRender.render(MixNested(), limit: $0) }),
    ]
    let texts = [
      String(reflecting: MixWidths()), String(reflecting: Optional(MixWidths())),
      String(reflecting: MixNested()),
    ]
    for ((name, render), text) in zip(values, texts) {
      for limit in 1...(text.count + 2) {
        #expect(render(limit) == ValueRender.cut(text, to: limit), "\(name) at \(limit)")
      }
    }
  }
}
