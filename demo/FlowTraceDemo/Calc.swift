import FlowTrace

/// The error `Calc.divide` throws.
enum CalcError: Error { case divisionByZero }

/// A method-traced type: `@TraceAll` traces every method but `describe`.
@TraceAll
struct Calc {
  var memory = 0

  func add(_ a: Int, _ b: Int) -> Int { a + b }

  func multiply(_ a: Int, by b: Int) -> Int {
    var total = 0
    for _ in 0..<b { total = add(total, a) }
    return total
  }

  func divide(_ a: Int, by b: Int) throws(CalcError) -> Int {
    guard b != 0 else { throw .divisionByZero }
    return a / b
  }

  mutating func store(_ value: Int) { memory = value }

  @NoTrace func describe() -> String { "Calc(memory: \(memory))" }
}
