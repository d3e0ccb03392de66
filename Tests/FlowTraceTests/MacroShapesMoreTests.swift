import FlowTrace
import FlowTraceSwift5Shapes
import Testing

// Issue 10's shapes, called for real: values come back as without tracing, and the recorded
// tree reads as the calls were made. Declarations: MacroShapes+Builders.swift,
// MacroShapes+Members.swift, MacroShapes+Initializers.swift, MacroShapes+Constrained.swift
// and the Swift 5 module FlowTraceSwift5Shapes.

extension RuntimeSuite {
  @Suite struct MacroShapesMoreTests {
    init() { FlowTrace.resetConfig() }

    /// The tree of `body`, arguments shown, timing off.
    static func tree(_ body: () throws -> Void) rethrows -> String {
      treeText(try withTracing(showArgs: true, body))
    }

    static func tree(_ body: () async throws -> Void) async rethrows -> String {
      treeText(try await withTracing(showArgs: true, body))
    }

    static let label = "FlowTraceTests.ShapeLabel"
    static let stack = "FlowTraceTests.ShapeStackView<\(label), \(label)>"

    @Test func resultBuildersKeepTheirSemantics() async throws {
      var poems: [[String]] = []
      var screen = ""
      let text = try Self.tree {
        poems.append(shapePoem(true))
        poems.append(shapePoem(false))
        poems.append(try shapeCheckedPoem(true))
        #expect(throws: ShapeBadInput(value: 0)) { try shapeCheckedPoem(false) }
        screen = ShapeScreen(title: "home").body("v1").text
      }
      #expect(
        poems == [
          ["roses are red", "violets are blue"], ["roses are red", "tulips are too"],
          ["first", "second"],
        ])
      #expect(screen == "home/v1")
      #expect(
        text == """
          → shapePoem(true) → ["roses are red", "violets are blue"]
          → shapePoem(false) → ["roses are red", "tulips are too"]
          → shapeCheckedPoem(true) → ["first", "second"]
          → shapeCheckedPoem(false) ↯ ShapeBadInput(value: 0) [propagated]
          → ShapeScreen.body("v1") → \(Self.stack)(top: \(Self.label)(text: "home"), \
          bottom: \(Self.label)(text: "v1"))

          """)
      let asyncText = await Self.tree { _ = await shapeAsyncPoem(2) }
      #expect(asyncText == "→ shapeAsyncPoem(2) → [\"start\", \"more\"]\n")
    }

    @Test func attributesOperatorsAndGenericClauses() {
      var log: [Int] = []
      var results: [String] = []
      let text = Self.tree {
        results.append("\(shapeInlinable(1)) \(shapeUsable(2))")
        let chosen: Int = shapeOverload(5)
        let plain = shapeOverload(6)
        results.append("\(chosen) \(plain)")
        shapeDiscardable(&log)
        results.append("\(shapeSum([1, 2, 3])) \(shapeScaled(4)) \(shapeScaled(4, by: 3))")
        results.append("\(shapeExistential([1, 2], ShapeSquare(side: 1)).area)")
        results.append("\((ShapeMoney(cents: 5)+++).cents)")
      }
      #expect(results == ["2 4", "5 6", "6 8 12", "9.0", "105"])
      #expect(log == [1])
      #expect(
        text == """
          → shapeInlinable(1) → 2
          → shapeUsable(2) → 4
          → shapeOverload(5) → 5
          → shapeOverload(6) → 6
          → shapeDiscardable([]) → 1
          → shapeSum([1, 2, 3]) → 6
          → shapeScaled(4, by: 2) → 8
          → shapeScaled(4, by: 3) → 12
          → shapeExistential([1, 2], \(Self.square)(side: 1.0)) → \(Self.square)(side: 3.0)
          → ShapeMoney.+++(\(Self.money)(cents: 5)) → \(Self.money)(cents: 105)

          """)
    }

    static let square = "FlowTraceTests.ShapeSquare"
    static let money = "FlowTraceTests.ShapeMoney"
  }
}
