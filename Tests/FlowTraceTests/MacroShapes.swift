import FlowTrace

// Every function shape `@Trace` supports, declared for real (types: MacroShapes+Types.swift);
// MacroShapesTests calls them and MacroShapesRecordTests checks what they record.

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
