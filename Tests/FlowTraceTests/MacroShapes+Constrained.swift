import FlowTrace

// `@Trace` on single methods of constrained extensions of other modules' types and protocols
// (issue 10, item 1). The same shapes under `@TraceAll` are in MacroShapes+TraceAll.swift.

extension Array where Element == Int {
  @Trace func shapeTotal() -> Int { reduce(0, +) }
}

extension Collection where Element == Character {
  @Trace func shapeVowels() -> Int { filter { "aeiou".contains($0) }.count }
}

extension Set where Element == Character {
  @Trace func shapeSorted() -> String { String(sorted()) }
}

extension Dictionary where Key == String, Value: Numeric {
  @Trace func shapeSum() -> Value { values.reduce(0, +) }
}

extension Optional where Wrapped: Comparable {
  @Trace func shapeAtLeast(_ floor: Wrapped) -> Wrapped { map { Swift.max($0, floor) } ?? floor }
}

// `@TraceAll` on the spellings of constrained extensions that compile (Swift 6.3.1): the
// parameterized form for same-type constraints, typealiases and sugar. The `where` spellings
// of the same extensions hit the compiler's cycle (docs/MACRO-ABI.md, README.md).

@TraceAll extension [Int] {
  func shapeDoubled() -> [Int] { map { $0 * 2 } }
}

@TraceAll extension Collection<Character> {
  func shapeUppercased() -> String { String(self).uppercased() }
}

@TraceAll extension [String: Int] {
  func shapeTotal() -> Int { values.reduce(0, +) }
}

typealias ShapeWords = [String]

@TraceAll extension ShapeWords {
  func shapeSentence() -> String { joined(separator: " ") }
}
