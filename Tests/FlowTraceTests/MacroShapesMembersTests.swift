import FlowTrace
import FlowTraceSwift5Shapes
import Testing

// Issue 10's member shapes, called for real: class hierarchies, isolation, non-copyable
// types, protocol extensions, `#if`, local types, constrained extensions of the standard
// library's types, a Swift 5 mode module, and initializers that show what they made.

extension RuntimeSuite {
  @Suite struct MacroShapesMembersTests {
    init() { FlowTrace.resetConfig() }

    static func tree(_ body: () throws -> Void) rethrows -> String {
      treeText(try withTracing(showArgs: true, body))
    }

    static func tree(_ body: () async throws -> Void) async rethrows -> String {
      treeText(try await withTracing(showArgs: true, body))
    }

    @Test func initializersShowWhatTheyMade() throws {
      var made: [String] = []
      let text = try Self.tree {
        made.append(ShapeCash(cents: 7).description)
        made.append(ShapeCash(text: "x")?.description ?? "none")
        made.append(ShapeCash(delegating: "y")?.description ?? "none")
        made.append(try ShapeCash(rounding: "0")?.description ?? "none")
        made.append(try ShapeCash(rounding: "z")?.description ?? "none")
        #expect(throws: ShapeParseError.notANumber("-1")) { try ShapeCash(checked: -1) }
        made.append(ShapeWallet(text: "3")?.description ?? "none")
        made.append(ShapePercent(101) == nil ? "none" : "some")
        made.append(ShapeCash(never: "no")?.description ?? "none")
        made.append(ShapeLabeledShelf(label: "top").description)
        made.append(ShapeShelf(count: 2).description)
      }
      #expect(
        made == [
          "$7", "none", "none", "$0", "none", "wallet($3)", "none", "none", "TOP", "shelf(2)",
        ])
      #expect(
        text == """
          → ShapeCash.init(cents: 7) → $7
          → ShapeCash.init(text: "x") → nil
          → ShapeCash.init(delegating: "y")
            → ShapeCash.init(text: "y") → nil
          ← ShapeCash.init(delegating: "y") → nil
          → ShapeCash.init(rounding: "0") → $0
          → ShapeCash.init(rounding: "z") → nil
          → ShapeCash.init(checked: -1) ↯ notANumber("-1") [propagated]
          → ShapeWallet.init(text: "3")
            → ShapeCash.init(text: "3") → $3
            → ShapeWallet.init(cents: 3)
              → ShapeCash.init(cents: 3) → $3
            ← ShapeWallet.init(cents: 3) → wallet($3)
          ← ShapeWallet.init(text: "3") → wallet($3)
          → ShapePercent.init(101) → nil
          → ShapeCash.init(never: "no") → nil
          → ShapeLabeledShelf.init(label: "top")
            → ShapeShelf.init(count: 1)
          ← ShapeLabeledShelf.init(label: "top") → TOP
          → ShapeShelf.init(count: 2) → shelf(2)

          """)
    }

    @Test func classHierarchiesAndIsolation() async {
      var names: [String] = []
      let text = await Self.tree {
        names.append(ShapeLeaf.make().name())
        names.append("\(ShapeNode(id: 2).fixed())")
        let ledger = ShapeLedger()
        names.append(ledger.title())
        names.append("\(await shapeIsolated(ledger, 5))")
        names.append(await ShapeScreenModel().render(2))
        names.append("\(await ShapeScreenModel.refresh())")
      }
      #expect(names == ["leaf/node1", "20", "LEDGER", "3", "**", "1"])
      #expect(
        text == """
          → ShapeNode.make()
            → ShapeLeaf.init(id: 0)
              → ShapeNode.init(id: 1)
            ← ShapeLeaf.init(id: 0) → FlowTraceTests.ShapeLeaf
          ← ShapeNode.make() → FlowTraceTests.ShapeLeaf
          → ShapeLeaf.name()
            → ShapeNode.name() → "node1"
          ← ShapeLeaf.name() → "leaf/node1"
          → ShapeNode.init(id: 2) → FlowTraceTests.ShapeNode
          → ShapeNode.fixed() → 20
          → ShapeLedger.title() → "LEDGER"
          → shapeIsolated(FlowTraceTests.ShapeLedger, 5)
            → ShapeLedger.record(5) → 1
            → ShapeLedger.record(5) → 2
          ← shapeIsolated(FlowTraceTests.ShapeLedger, 5) → 3
          → ShapeScreenModel.render(2) → "**"
          → ShapeScreenModel.refresh() → 1

          """)
    }
  }
}

extension RuntimeSuite.MacroShapesMembersTests {
  @Test func nonCopyableProtocolDefaultsAndConditionalMembers() {
    var results: [Int] = []
    var tiles: [String] = []
    let text = Self.tree {
      var voucher = ShapeVoucher(cents: 2)
      results.append(voucher.peek())
      voucher.add(3)
      results.append(voucher.redeem())
      tiles.append(ShapeTile(size: 3).doubled().description)
      tiles.append(ShapeTile.unit().description)
      let conditional = ShapeConditional()
      results.append(conditional.present() + conditional.platform() + conditional.always())
    }
    #expect(results == [2, 500, 6])
    #expect(tiles == ["tile6", "tile1"])
    #expect(
      text == """
        → ShapeVoucher.init(cents: 2)
        → ShapeVoucher.peek() → 2
        → ShapeVoucher.add(3)
        → ShapeVoucher.redeem() → 500
        → ShapeScalable.doubled()
          → ShapeScalable.scaled(by: 2) → tile6
        ← ShapeScalable.doubled() → tile6
        → ShapeScalable.unit() → tile1
        → ShapeConditional.present() → 1
        → ShapeConditional.platform() → 2
        → ShapeConditional.always() → 3

        """)
  }

  @Test func localTypesAndConstrainedExtensionsOfTheStandardLibrary() {
    struct Local {
      var base: Int
      @Trace func step(_ by: Int) -> Int { base + by }
    }
    var results: [String] = []
    let text = Self.tree {
      results.append("\(Local(base: 1).step(2))")
      results.append("\([1, 2, 3].shapeTotal()) \("banana".shapeVowels())")
      results.append(Set("cab").shapeSorted() + " \(["a": 1.5, "b": 2].shapeSum())")
      results.append("\(Int?.none.shapeAtLeast(4)) \(Optional(9).shapeAtLeast(4))")
      results.append("\([1, 2].shapeDoubled()) \("ok".shapeUppercased())")
      results.append("\(["x": 1, "y": 2].shapeTotal()) \(["a", "b"].shapeSentence())")
    }
    #expect(results == ["3", "6 3", "abc 3.5", "4 9", "[2, 4] OK", "3 a b"])
    #expect(
      text == """
        → Local.step(2) → 3
        → Array.shapeTotal() → 6
        → Collection.shapeVowels() → 3
        → Set.shapeSorted() → "abc"
        → Dictionary.shapeSum() → 3.5
        → Optional.shapeAtLeast(4) → 4
        → Optional.shapeAtLeast(4) → 9
        → Array.shapeDoubled() → [2, 4]
        → Collection.shapeUppercased() → "OK"
        → Dictionary.shapeTotal() → 3
        → ShapeWords.shapeSentence() → "a b"

        """)
  }

  @Test func swift5ModeModule() throws {
    var results: [String] = []
    let text = try Self.tree {
      let counter = Swift5Counter(start: 1)
      counter.bump(by: 2)
      results.append(swift5Sentence("you"))
      results.append("\(try swift5Parse("12", as: Int.self))")
      #expect(throws: Swift5Error.unreadable("x")) { try swift5Parse("x", as: Int.self) }
      results.append("\(counter.count)")
    }
    #expect(results == ["hello you", "12", "3"])
    #expect(
      text == """
        → Swift5Counter.init(start: 1) → FlowTraceSwift5Shapes.Swift5Counter
        → Swift5Counter.bump(by: 2) → 3
        → swift5Sentence("you") → "hello you"
        → swift5Parse("12", as: Swift.Int) → 12
        → swift5Parse("x", as: Swift.Int) ↯ unreadable("x") [propagated]

        """)
  }
}
