import FlowTrace
import Testing

// MARK: - What the shapes record

extension RuntimeSuite {
  /// The same shapes in a session: names, arguments, results, errors and nesting as recorded.
  @Suite struct MacroShapesRecordTests {
    init() { FlowTrace.resetConfig() }

    /// `name(args) → result` of every call, in call order.
    static func calls(_ events: [CallEvent]) -> [String] {
      let results = Dictionary(
        events.filter { $0.kind == .return }.map { ($0.id, $0.result) },
        uniquingKeysWith: { first, _ in first })
      return events.filter { $0.kind == .call }.map { call in
        let result = results[call.id].flatMap { $0 }.map { " → \($0)" } ?? ""
        return "\(call.qualifiedName)(\(call.argumentText))\(result)"
      }
    }

    @Test func argumentsReadAsTheCallSite() {
      var value = 10
      var evaluated = false
      let events = withTracing(showArgs: true) {
        shapeInout(&value, by: 5)
        _ = shapeAutoclosure(
          true,
          {
            evaluated = true
            return 0
          }())
        _ = shapeClosure({ $0 + 1 }, 4)
        _ = shapeVariadic(1, 2, 3)
        _ = shapeUnnamed(1, 9)
        _ = shapeFree(2, b: 3)
        _ = shapeBorrowing(ShapeTicket(number: 1))
        _ = shapeConsuming(ShapeTicket(number: 2))
        _ = shapeGeneric("a", "b")
        _ = shapePack(1, "two", 3.0)
      }
      #expect(!evaluated)
      #expect(
        Self.calls(events) == [
          "shapeInout(10, by: 5)",
          "shapeAutoclosure(true, <closure>) → 1",
          "shapeClosure(<closure>, 4) → 5",
          "shapeVariadic([1, 2, 3]) → 6",
          "shapeUnnamed(_, 9) → 9",
          "shapeFree(2, b: 3) → 5",
          "shapeBorrowing(<borrowed>) → 1",
          "shapeConsuming(<consumed>)",
          "shapeGeneric(\"a\", \"b\") → \"b\"",
          "shapePack(<pack>) → 3",
        ])
    }

    @Test func qualifiedNamesOfMembers() {
      func money(_ cents: Int) -> String { String(reflecting: ShapeMoney(cents: cents)) }
      let events = withTracing(showArgs: true) {
        var counter = ShapeCounter.make(start: 1)
        _ = counter.add(2)
        _ = ShapeAccount(owner: "ada")
        _ = ShapeLight(go: true).next()
        _ = ShapeOuter.Inner().viaExtension()
        _ = ShapeHello().greetTwice()
        _ = ShapeMoney(cents: 1) + ShapeMoney(cents: 2)
        _ = shapeLocal(3)
        do { _ = ShapeResource() }
      }
      let names = events.filter { $0.kind == .call }.map { "\($0.qualifiedName)(\($0.argumentText))" }
      #expect(
        names == [
          "ShapeCounter.make(start: 1)", "ShapeCounter.add(2)",
          "ShapeAccount.init(owner: \"ada\")", "ShapeAccount.init(owner: \"ada\", balance: 0)",
          "ShapeLight.init(go: true)", "ShapeLight.next()",
          "ShapeOuter.Inner.viaExtension()", "ShapeOuter.Inner.depth()",
          "ShapeGreeter.greetTwice()", "ShapeMoney.+(\(money(1)), \(money(2)))",
          "localSquare(3)", "ShapeResource.deinit()",
        ])
    }

    @Test func traceAllTracesMethodsButNotNoTrace() {
      let events = withTracing(showArgs: true) {
        var calc = ShapeCalc(base: 1)
        _ = calc.add(2, 3)
        calc.bump()
        _ = calc.secret()
        _ = calc.doubled
        _ = calc.timed()
      }
      #expect(
        Self.calls(events) == [
          "ShapeCalc.init(base: 1) → FlowTraceTests.ShapeCalc(base: 1)", "ShapeCalc.add(2, 3) → 6",
          "ShapeCalc.bump()",
          "ShapeCalc.timed() → 2",
        ])
      let add = events.first { $0.qualifiedName == "ShapeCalc.add" }
      #expect(add?.file == "FlowTraceTests/MacroShapes+Types.swift")
      #expect(add?.line == ShapeCalc.addLine)
      #expect(events.first { $0.qualifiedName == "ShapeCalc.timed" }?.collectsTiming == true)
    }

    @Test func errorsAreRecordedWithTheirType() {
      let events = withTracing(showArgs: true) {
        _ = try? shapeTyped("x")
        _ = shapeCatcher(-1)
        _ = try? ShapeAccount(parsing: "y")
      }
      let errors = events.filter { $0.kind == .exception }.map {
        "\($0.qualifiedName) \($0.errorType ?? "?") \($0.disposition?.rawValue ?? "?")"
      }
      #expect(
        errors == [
          "shapeTyped ShapeParseError propagated",
          "shapeThrows ShapeBadInput propagated",
          "shapeCatcher ShapeBadInput caught",
          "ShapeAccount.init ShapeParseError propagated",
        ])
    }

    @Test func asyncChildrenNestUnderTheirCaller() async {
      let events = await withTracing(showArgs: true) {
        _ = await shapeTaskGroup(4)
        _ = await ShapeBox().count()
        _ = try? await ShapeViewModel().load()
        _ = try? await shapeAsyncTyped("")
      }
      let calls = events.filter { $0.kind == .call }
      let group = calls.first { $0.qualifiedName == "shapeTaskGroup" }
      let children = calls.filter { $0.qualifiedName == "shapeAsync" }
      #expect(children.count == 4)
      #expect(children.allSatisfy { $0.parentID == group?.id && $0.parentID != nil })
      #expect(Set(children.map(\.argumentText)) == ["0", "1", "2", "3"])
      #expect(calls.contains { $0.qualifiedName == "ShapeBox.count" && $0.parentID == nil })
      #expect(calls.contains { $0.qualifiedName == "ShapeViewModel.load" })
      let typed = events.first { $0.kind == .exception && $0.qualifiedName == "shapeAsyncTyped" }
      #expect(typed?.errorType == "ShapeParseError")
    }
  }
}
