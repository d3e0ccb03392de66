import FlowTrace

// Result builders and the declaration attributes real libraries put on traced functions
// (issue 10, item 2). MacroShapesMoreTests calls them and checks the recorded tree.

// MARK: - Result builders

@resultBuilder enum ShapeLines {
  static func buildExpression(_ line: String) -> [String] { [line] }
  static func buildBlock(_ parts: [String]...) -> [String] { parts.flatMap { $0 } }
  static func buildOptional(_ part: [String]?) -> [String] { part ?? [] }
  static func buildEither(first part: [String]) -> [String] { part }
  static func buildEither(second part: [String]) -> [String] { part }
}

@ShapeLines @Trace func shapePoem(_ rhyme: Bool) -> [String] {
  "roses are red"
  if rhyme { "violets are blue" } else { "tulips are too" }
}

@ShapeLines @Trace func shapeCheckedPoem(_ ok: Bool) throws -> [String] {
  "first"
  try shapeLine(ok)
}

func shapeLine(_ ok: Bool) throws -> String {
  if !ok { throw ShapeBadInput(value: 0) }
  return "second"
}

@ShapeLines @Trace func shapeAsyncPoem(_ count: Int) async -> [String] {
  "start"
  if count > 1 { "more" }
}

protocol ShapeView { var text: String { get } }
struct ShapeLabel: ShapeView { let text: String }
struct ShapeStackView<A: ShapeView, B: ShapeView>: ShapeView {
  let top: A
  let bottom: B
  var text: String { top.text + "/" + bottom.text }
}

/// A `@ViewBuilder`-like builder: one or two views, result type opaque.
@resultBuilder enum ShapeViewBuilder {
  static func buildBlock<V: ShapeView>(_ view: V) -> V { view }
  static func buildBlock<A: ShapeView, B: ShapeView>(_ a: A, _ b: B) -> ShapeStackView<A, B> {
    ShapeStackView(top: a, bottom: b)
  }
}

struct ShapeScreen {
  var title: String
  @ShapeViewBuilder @Trace func body(_ footer: String) -> some ShapeView {
    ShapeLabel(text: title)
    ShapeLabel(text: footer)
  }
}

// MARK: - Declaration attributes and modifiers

@inlinable @Trace public func shapeInlinable(_ x: Int) -> Int { x + 1 }

@usableFromInline @Trace func shapeUsable(_ x: Int) -> Int { x * 2 }

@_disfavoredOverload @Trace func shapeOverload(_ x: Int) -> String { "disfavored" }
@Trace func shapeOverload(_ x: Int) -> Int { x }

@discardableResult @Trace func shapeDiscardable(_ log: inout [Int]) -> Int {
  log.append(1)
  return log.count
}

@Trace func shapeSum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
  values.reduce(0, +)
}

@Trace func shapeExistential(_ values: some Collection, _ area: any ShapeArea) -> any ShapeArea {
  ShapeSquare(side: Double(values.count) + area.area)
}

@Trace func shapeScaled<T: Numeric>(_ value: T, by factor: T = 2) -> T { value * factor }

postfix operator +++

extension ShapeMoney {
  @Trace static postfix func +++ (value: ShapeMoney) -> ShapeMoney {
    ShapeMoney(cents: value.cents + 100)
  }
}
