import FlowTrace
import Testing

// The checks here hold with tracing off or on: values come back, side effects happen, errors
// keep their type. The shapes are declared in MacroShapes.swift.

// MARK: - Tests

extension RuntimeSuite {
  /// Values, side effects and error types survive the expansion, with tracing on (a session).
  @Suite struct MacroShapesTests {
    init() { FlowTrace.resetConfig() }

    @Test func freeFunctionsReturnTheirValues() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      #expect(shapeFree(2, b: 3) == 5)
      #expect(shapeGeneric("pear", "apple") == "pear")
      #expect(shapeVariadic(1, 2, 3, 4) == 10)
      #expect(shapeRecursive(10) == 55)
      #expect(shapeNested(5) == 25 && shapeLocal(2) == 4)
      #expect(shapeUnnamed(1, 9) == 9)
      #expect(shapeTuple((1, "a")) == (2, "a!"))
      #expect(shapeOptional("four") == 4 && shapeOptional(nil) == nil)
      #expect(shapeIfExpression(3) == "odd" && shapeIfExpression(4) == "even")
      #expect(shapeOpaque(3).area == 9)
    }

    @Test func earlyReturnsAndDeferRunInOrder() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      #expect(shapeEarlyReturn(0) == "non-positive")
      #expect(shapeEarlyReturn(500) == "big")
      #expect(shapeEarlyReturn(5) == "small")
      var seen: [Int] = []
      shapeVoidEarlyReturn(-1, &seen)
      shapeVoidEarlyReturn(4, &seen)
      #expect(seen == [4])
      var log: [String] = []
      #expect(shapeDefer(&log) == 1)
      #expect(log == ["body", "deferred"])
    }

    @Test func inoutIsWrittenBack() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      var value = 10
      shapeInout(&value, by: 5)
      #expect(value == 15)
      var log: [String] = []
      shapeVoid(&log)
      #expect(log == ["ran"])
    }

    @Test func closuresAreCalledOnlyByTheBody() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      var evaluated = 0
      func expensive() -> Int {
        evaluated += 1
        return 99
      }
      #expect(shapeAutoclosure(true, expensive()) == 1)
      #expect(evaluated == 0)
      #expect(shapeAutoclosure(false, expensive()) == 99)
      #expect(evaluated == 1)
      #expect(shapeClosure({ $0 * 3 }, 4) == 12)
      #expect(shapeEscaping({ 8 })() == 8)
      #expect(shapeOptionalClosure(nil) == -1 && shapeOptionalClosure({ 5 }) == 5)
    }

    @Test func noncopyableParametersStayUsable() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      let ticket = ShapeTicket(number: 4)
      #expect(shapeBorrowing(ticket) == 4)
      #expect(shapeConsuming(ticket) == 40)
      #expect(shapeGenericNoncopyable(ShapeTicket(number: 1)) == 7)
    }

    @Test func errorsKeepTheirTypeAndValue() throws {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      #expect(try shapeThrows(4) == 8)
      #expect(throws: ShapeBadInput(value: -3)) { try shapeThrows(-3) }
      #expect(throws: ShapeBadInput(value: -1)) { try shapeThrowsVoid(-1) }
      try shapeThrowsVoid(1)
      #expect(shapeCatcher(-2) == "recovered")
      #expect(shapeCatcher(2) == "4")
      do {
        _ = try shapeTyped("x1")
        Issue.record("expected a typed error")
      } catch {
        // `error` is statically ShapeParseError here: typed throws survived the expansion.
        #expect(error == .notANumber("x1"))
      }
      #expect(throws: ShapeParseError.empty) { try shapeTyped("") }
      #expect(try shapeTyped("42") == 42)
    }

    @Test func rethrowsOnlyThrowsWhenItsArgumentDoes() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      // No `try`: a non-throwing closure makes the call non-throwing.
      #expect(shapeRethrows([1, 2, 3]) { $0 > 1 } == 2)
      #expect(throws: ShapeBadInput(value: 2)) {
        try shapeRethrows([1, 2]) { value in
          if value == 2 { throw ShapeBadInput(value: value) }
          return true
        }
      }
    }

    @Test func asyncShapes() async throws {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      #expect(await shapeAsync(1) == 2)
      #expect(try await shapeAsyncThrows(3) == 3)
      await #expect(throws: ShapeBadInput(value: -1)) { try await shapeAsyncThrows(-1) }
      #expect(try await shapeAsyncTyped("abc") == 3)
      do {
        _ = try await shapeAsyncTyped("")
        Issue.record("expected a typed error")
      } catch {
        #expect(error == .empty)
      }
      try await shapeAsyncTypedVoid(false)
      await #expect(throws: ShapeParseError.empty) { try await shapeAsyncTypedVoid(true) }
      #expect(await shapeTaskGroup(5) == 15)
      #expect(await shapeAsyncLet() == 5)
      #expect(await shapeAsyncRethrows([1, 2, 3]) { $0 != 2 } == 2)
      await #expect(throws: ShapeBadInput(value: 1)) {
        try await shapeAsyncRethrows([1]) { throw ShapeBadInput(value: $0) }
      }
    }

    @Test func methodsOfEveryKindOfType() async throws {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      var counter = ShapeCounter.make(start: 5)
      #expect(counter.add(3) == 8)
      #expect(counter.total == 8)
      await counter.reset()
      #expect(counter.total == 0)

      let account = ShapeAccount(owner: "ada", balance: 10)
      #expect(account.deposit(5) == 15)
      #expect(ShapeAccount(owner: "bob").balance == 0)
      #expect(ShapeAccount(checked: -1) == nil)
      #expect(ShapeAccount(checked: 3)?.balance == 3)
      #expect(try ShapeAccount(parsing: "12").balance == 12)
      #expect(throws: ShapeParseError.notANumber("x")) { try ShapeAccount(parsing: "x") }
      #expect(ShapeAccount.bank() == "FlowBank")

      #expect(ShapeLight(go: false).next() == .green)
      #expect(-(ShapeMoney(cents: 2) + ShapeMoney(cents: 3)) == ShapeMoney(cents: -5))

      let box = ShapeBox()
      _ = await box.add(1)
      await shapeAsyncVoid(box)
      #expect(await box.count() == 2)

      let model = ShapeViewModel()
      await model.rename("a")
      #expect(try await model.load() == "aloaded")

      #expect(ShapeOuter.Inner().viaExtension() == 3)
      #expect(ShapeHello().greetTwice() == "hihi")
    }

    @Test func traceAllKeepsEveryMemberWorking() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      var calc = ShapeCalc.zero()
      #expect(calc.add(2, 3) == 5)
      calc.bump()
      #expect(calc.base == 1 && calc.doubled == 2)
      #expect(calc.secret() == 42 && calc.timed() == 1)
      #expect(ShapeOuter().label("x") == "<x>")
      #expect(ShapeBike().describe() == "bike: 2 wheels")
      #expect(ShapeVehicle.kind() == "vehicle")
    }

    @Test func genericTypesAndDeinit() {
      startTracing(showArgs: true)
      defer { _ = stopTracing() }
      var stack = ShapeStack<Int>()
      #expect(stack.push(1).items == [1])
      #expect(stack.push(2).items == [1, 2])
      #expect(stack.map { "\($0)" }.items == ["1", "2"])
      let before = ShapeResource.closed
      do { _ = ShapeResource() }
      #expect(ShapeResource.closed == before + 1)
    }
  }
}
