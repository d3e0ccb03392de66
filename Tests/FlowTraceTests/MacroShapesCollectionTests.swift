import FlowTrace
import Testing

extension RuntimeSuite {
  /// The swift-algorithms shapes of MacroShapes+Collections.swift, called for real.
  @Suite struct MacroShapesCollectionTests {
    init() { FlowTrace.resetConfig() }

    @Test func conditionalCollectionConformancesWorkTraced() throws {
      let chain = ShapeChain(base: [10, 20], shapeProduct: 3)
      var forward: [Int] = []
      var backward: [Int] = []
      var scaled = 0
      let text = treeText(
        withTracing(showArgs: true) {
          var iterator = chain.makeIterator()
          while let element = iterator.next() { forward.append(element) }
          backward = Array(chain.reversed())
          scaled = chain.scaled()
        })
      #expect(forward == [10, 20])
      #expect(backward == [20, 10])
      #expect(scaled == 6)
      #expect(text.contains("→ ShapeChain.makeIterator()"))
      #expect(text.contains("→ ShapeChain.Iterator.next() → Optional(10)"))
      #expect(text.contains("→ ShapeChain.index(before: "))
      #expect(text.contains("→ ShapeChain.Index.init("))
      #expect(text.contains("→ ShapeChain.scaled() → 6"))
    }
  }
}
