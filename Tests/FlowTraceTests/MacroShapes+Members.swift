import FlowTrace

// Class hierarchies, isolation, non-copyable types, protocol extensions and `#if` inside a
// traced type (issue 10, item 2). MacroShapesMoreTests calls them and checks the recorded tree.

// MARK: - Classes: required, class func returning Self, final, override, init!

class ShapeNode {
  let id: Int
  @Trace required init(id: Int) { self.id = id }
  @Trace class func make() -> Self { self.init(id: 0) }
  @Trace func name() -> String { "node\(id)" }
  @Trace final func fixed() -> Int { id * 10 }
}

final class ShapeLeaf: ShapeNode {
  @Trace required init(id: Int) { super.init(id: id + 1) }
  @Trace override func name() -> String { "leaf/" + super.name() }
}

struct ShapePercent: CustomStringConvertible {
  var value: Int
  var description: String { "\(value)%" }
  @Trace init!(_ value: Int) {
    if value < 0 || value > 100 { return nil }
    self.value = value
  }
}

// MARK: - Isolation

actor ShapeLedger {
  private var entries: [Int] = []
  nonisolated let name = "ledger"
  @Trace nonisolated func title() -> String { name.uppercased() }
  @Trace func record(_ entry: Int) -> Int {
    entries.append(entry)
    return entries.count
  }
}

@Trace func shapeIsolated(_ ledger: isolated ShapeLedger, _ entry: Int) -> Int {
  ledger.record(entry) + ledger.record(entry)
}

struct ShapeScreenModel {
  @MainActor @Trace func render(_ count: Int) -> String { String(repeating: "*", count: count) }
  @MainActor @Trace static func refresh() async -> Int {
    await Task.yield()
    return 1
  }
}

// MARK: - Non-copyable types

struct ShapeVoucher: ~Copyable {
  var cents: Int
  @Trace init(cents: Int) { self.cents = cents }
  @Trace borrowing func peek() -> Int { cents }
  @Trace mutating func add(_ extra: Int) { cents += extra }
  @Trace consuming func redeem() -> Int { cents * 100 }
}

// MARK: - Protocol extensions: default implementations with Self

protocol ShapeScalable {
  var size: Int { get }
  init(size: Int)
  func scaled(by factor: Int) -> Self
}

extension ShapeScalable {
  @Trace func scaled(by factor: Int) -> Self { Self(size: size * factor) }
  @Trace func doubled() -> Self { scaled(by: 2) }
  @Trace static func unit() -> Self { Self(size: 1) }
}

struct ShapeTile: ShapeScalable, CustomStringConvertible {
  var size: Int
  var description: String { "tile\(size)" }
}

// MARK: - `#if` inside a traced type

@TraceAll
struct ShapeConditional {
  #if compiler(>=5.9)
    func present() -> Int { 1 }
  #else
    func absent() -> Int { 0 }
  #endif
  #if FLOWTRACE_NEVER_DEFINED
    func missing() -> Int { -1 }
  #elseif os(Linux) || os(macOS) || os(Windows) || os(iOS)
    func platform() -> Int { 2 }
  #endif
  func always() -> Int { 3 }
}
