import FlowTrace
import Testing

// Every function shape `@Trace` supports, compiled for real and called. The checks here hold
// with tracing off or on: values come back, side effects happen, errors keep their type.

// MARK: - Declarations

@Trace func shapeFree(_ a: Int, b: Int) -> Int { a + b }

@Trace func shapeVoid(_ log: inout [String]) { log.append("ran") }

@Trace func shapeGeneric<T: Comparable>(_ a: T, _ b: T) -> T { max(a, b) }

@Trace func shapeVariadic(_ values: Int...) -> Int { values.reduce(0, +) }

@Trace func shapeInout(_ value: inout Int, by step: Int) { value += step }

@Trace func shapeClosure(_ transform: (Int) -> Int, _ value: Int) -> Int { transform(value) }

@Trace func shapeAutoclosure(_ flag: Bool, _ fallback: @autoclosure () -> Int) -> Int {
  flag ? 1 : fallback()
}

@Trace func shapeEscaping(_ work: @escaping () -> Int) -> () -> Int { work }

@Trace func shapeOptionalClosure(_ work: (() -> Int)?) -> Int { work?() ?? -1 }

@Trace func shapeRecursive(_ n: Int) -> Int {
  n < 2 ? n : shapeRecursive(n - 1) + shapeRecursive(n - 2)
}

@Trace func shapeNested(_ n: Int) -> Int {
  func double(_ x: Int) -> Int { x * 2 }
  @Trace func triple(_ x: Int) -> Int { x * 3 }
  return double(n) + triple(n)
}

func shapeLocal(_ n: Int) -> Int {
  @Trace func localSquare(_ x: Int) -> Int { x * x }
  return localSquare(n)
}

@Trace func shapeEarlyReturn(_ n: Int) -> String {
  guard n > 0 else { return "non-positive" }
  if n > 100 { return "big" }
  return "small"
}

@Trace func shapeVoidEarlyReturn(_ n: Int, _ log: inout [Int]) {
  guard n > 0 else { return }
  log.append(n)
}

@Trace func shapeDefer(_ log: inout [String]) -> Int {
  defer { log.append("deferred") }
  log.append("body")
  return log.count
}

protocol ShapeArea { var area: Double { get } }
struct ShapeSquare: ShapeArea {
  var side: Double
  var area: Double { side * side }
}

@Trace func shapeOpaque(_ side: Double) -> some ShapeArea { ShapeSquare(side: side) }

@Trace func shapeNever(_ message: String) -> Never { fatalError(message) }

@Trace func shapeUnnamed(_: Int, _ kept: Int) -> Int { kept }

@Trace func shapeTuple(_ pair: (Int, String)) -> (Int, String) { (pair.0 + 1, pair.1 + "!") }

@Trace func shapeOptional(_ text: String?) -> Int? { text.map(\.count) }

@Trace func shapeIfExpression(_ n: Int) -> String { if n % 2 == 0 { "even" } else { "odd" } }

@Trace func shapePack<each T>(_ values: repeat each T) -> Int {
  var count = 0
  for _ in repeat each values { count += 1 }
  return count
}

struct ShapeTicket: ~Copyable { var number: Int }

@Trace func shapeBorrowing(_ ticket: borrowing ShapeTicket) -> Int { ticket.number }

@Trace func shapeConsuming(_ ticket: consuming ShapeTicket) -> Int {
  let owned = ticket
  return owned.number * 10
}

@Trace func shapeGenericNoncopyable<T: ~Copyable>(_ value: borrowing T) -> Int { 7 }

// Errors.

struct ShapeBadInput: Error, Equatable { let value: Int }
enum ShapeParseError: Error, Equatable {
  case empty
  case notANumber(String)
}

@Trace func shapeThrows(_ x: Int) throws -> Int {
  if x < 0 { throw ShapeBadInput(value: x) }
  return x * 2
}

@Trace func shapeThrowsVoid(_ x: Int) throws { if x < 0 { throw ShapeBadInput(value: x) } }

@Trace func shapeTyped(_ text: String) throws(ShapeParseError) -> Int {
  if text.isEmpty { throw .empty }
  guard let value = Int(text) else { throw .notANumber(text) }
  return value
}

@Trace func shapeRethrows(_ values: [Int], _ check: (Int) throws -> Bool) rethrows -> Int {
  try values.filter(check).count
}

@Trace func shapeCatcher(_ x: Int) -> String {
  do { return String(try shapeThrows(x)) } catch { return "recovered" }
}

// Async.

@Trace func shapeAsyncRethrows(_ values: [Int], _ check: (Int) async throws -> Bool) async rethrows
  -> Int
{
  var kept = 0
  for value in values where try await check(value) { kept += 1 }
  return kept
}

@Trace func shapeAsync(_ n: Int) async -> Int {
  await Task.yield()
  return n + 1
}

@Trace func shapeAsyncThrows(_ n: Int) async throws -> Int {
  try await Task.sleep(nanoseconds: 1000)
  if n < 0 { throw ShapeBadInput(value: n) }
  return n
}

@Trace func shapeAsyncTyped(_ text: String) async throws(ShapeParseError) -> Int {
  await Task.yield()
  if text.isEmpty { throw .empty }
  return text.count
}

@Trace func shapeAsyncTypedVoid(_ fail: Bool) async throws(ShapeParseError) {
  if fail { throw .empty }
}

@Trace func shapeAsyncVoid(_ box: ShapeBox) async { _ = await box.add(1) }

@Trace func shapeTaskGroup(_ count: Int) async -> Int {
  await withTaskGroup(of: Int.self) { group in
    for index in 0..<count { group.addTask { await shapeAsync(index) } }
    return await group.reduce(0, +)
  }
}

@Trace func shapeAsyncLet() async -> Int {
  async let first = shapeAsync(1)
  async let second = shapeAsync(2)
  return await first + second
}

// Types.

struct ShapeCounter {
  var total = 0
  @Trace mutating func add(_ n: Int) -> Int {
    total += n
    return total
  }
  @Trace static func make(start: Int) -> ShapeCounter { ShapeCounter(total: start) }
  @Trace mutating func reset() async { total = 0 }
}

final class ShapeAccount {
  private(set) var balance: Int
  let owner: String

  @Trace init(owner: String, balance: Int) {
    self.owner = owner
    self.balance = balance
  }

  @Trace convenience init(owner: String) { self.init(owner: owner, balance: 0) }

  @Trace init?(checked balance: Int) {
    guard balance >= 0 else { return nil }
    self.owner = "checked"
    self.balance = balance
  }

  @Trace init(parsing text: String) throws(ShapeParseError) {
    guard let value = Int(text) else { throw .notANumber(text) }
    self.owner = "parsed"
    self.balance = value
  }

  @Trace func deposit(_ amount: Int) -> Int {
    balance += amount
    return balance
  }

  @Trace class func bank() -> String { "FlowBank" }
}

struct ShapeMoney: Equatable {
  var cents: Int
  @Trace static func + (lhs: ShapeMoney, rhs: ShapeMoney) -> ShapeMoney {
    ShapeMoney(cents: lhs.cents + rhs.cents)
  }
  @Trace static prefix func - (value: ShapeMoney) -> ShapeMoney { ShapeMoney(cents: -value.cents) }
}

enum ShapeLight {
  case red, green
  @Trace func next() -> ShapeLight { self == .red ? .green : .red }
  @Trace init(go: Bool) { self = go ? .green : .red }
}

actor ShapeBox {
  private var items: [Int] = []
  @Trace func add(_ item: Int) -> Int {
    items.append(item)
    return items.count
  }
  @Trace func count() async -> Int { items.count }
}

@MainActor final class ShapeViewModel {
  var title = ""
  @Trace func rename(_ title: String) { self.title = title }
  @Trace func load() async throws -> String {
    await Task.yield()
    title += "loaded"
    return title
  }
}

struct ShapeStack<Element> {
  var items: [Element] = []
  @Trace mutating func push(_ item: Element) -> Self {
    items.append(item)
    return self
  }
  @Trace func map<U>(_ transform: (Element) throws -> U) rethrows -> ShapeStack<U> {
    ShapeStack<U>(items: try items.map(transform))
  }
}

final class ShapeResource {
  nonisolated(unsafe) static var closed = 0
  @Trace deinit { Self.closed += 1 }
}

@TraceAll
class ShapeVehicle {
  let wheels: Int
  init(wheels: Int) { self.wheels = wheels }
  func describe() -> String { "\(wheels) wheels" }
  class func kind() -> String { "vehicle" }
}

@TraceAll
final class ShapeBike: ShapeVehicle {
  init() { super.init(wheels: 2) }
  override func describe() -> String { "bike: " + super.describe() }
}

struct ShapeOuter {
  struct Inner {
    @Trace func depth() -> Int { 2 }
  }
}

extension ShapeOuter.Inner {
  @Trace func viaExtension() -> Int { depth() + 1 }
}

protocol ShapeGreeter { func greet() -> String }
extension ShapeGreeter {
  @Trace func greetTwice() -> String { greet() + greet() }
}
struct ShapeHello: ShapeGreeter { func greet() -> String { "hi" } }

@TraceAll
struct ShapeCalc {
  var base = 0
  init(base: Int) { self.base = base }
  static let addLine = #line + 1
  func add(_ a: Int, _ b: Int) -> Int { a + b + base }
  mutating func bump() { base += 1 }
  static func zero() -> ShapeCalc { ShapeCalc(base: 0) }
  var doubled: Int { base * 2 }
  @NoTrace func secret() -> Int { 42 }
  @Trace(showTiming: true) func timed() -> Int { base }
}

@TraceAll(showArgs: false)
extension ShapeOuter {
  func label(_ text: String) -> String { "<\(text)>" }
}

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

// MARK: - What the shapes record

extension RuntimeSuite {
  /// The same shapes in a session: names, arguments, results, errors and nesting as recorded.
  @Suite struct MacroShapesRecordTests {
    init() { FlowTrace.resetConfig() }

    /// `name(args) → result` of every call, in call order.
    static func calls(_ events: [CallEvent]) -> [String] {
      let results = Dictionary(
        events.filter { $0.kind == .return }.map { ($0.id, $0.resultRepr) },
        uniquingKeysWith: { first, _ in first })
      return events.filter { $0.kind == .call }.map { call in
        let result = results[call.id].flatMap { $0 }.map { " → \($0)" } ?? ""
        return "\(call.qualifiedName)(\(call.argsRepr))\(result)"
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
      let names = events.filter { $0.kind == .call }.map { "\($0.qualifiedName)(\($0.argsRepr))" }
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
          "ShapeCalc.init(base: 1)", "ShapeCalc.add(2, 3) → 6", "ShapeCalc.bump()",
          "ShapeCalc.timed() → 2",
        ])
      let add = events.first { $0.qualifiedName == "ShapeCalc.add" }
      #expect(add?.file == "FlowTraceTests/MacroShapesTests.swift")
      #expect(add?.line == ShapeCalc.addLine)
      #expect(events.first { $0.qualifiedName == "ShapeCalc.timed" }?.collectTiming == true)
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
      #expect(children.allSatisfy { $0.parentId == group?.id && $0.parentId != nil })
      #expect(Set(children.map(\.argsRepr)) == ["0", "1", "2", "3"])
      #expect(calls.contains { $0.qualifiedName == "ShapeBox.count" && $0.parentId == nil })
      #expect(calls.contains { $0.qualifiedName == "ShapeViewModel.load" })
      let typed = events.first { $0.kind == .exception && $0.qualifiedName == "shapeAsyncTyped" }
      #expect(typed?.errorType == "ShapeParseError")
    }
  }
}
