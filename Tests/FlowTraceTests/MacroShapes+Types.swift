import FlowTrace

// The type shapes `@Trace` supports (methods, initialisers, actors, @TraceAll types); the
// function shapes are in MacroShapes.swift.

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
