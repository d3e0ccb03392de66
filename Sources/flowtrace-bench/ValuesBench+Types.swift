@_spi(Benchmarks) import FlowTrace

// The values suite's mix: the kinds of values real code passes and returns.

/// A struct without `CustomStringConvertible` (renders through reflection).
struct Edge: Sendable {
  var from: Int
  var to: Int
  var weight: Double
}

/// A struct with its own `description`.
struct Vertex: Sendable, CustomStringConvertible {
  var id: Int
  var name: String
  var description: String { "v\(id):\(name)" }
}

/// An enum with payloads.
enum Block: Sendable {
  case heading(level: Int, text: String)
  case paragraph(String)
  case list([String])
  case blank
}

/// An enum without payloads.
enum Weekday: Sendable {
  case monday, tuesday, wednesday
}

/// A class instance (renders at call time: its state may change later).
final class Cursor {
  var position = 0
}

/// A big-number-like type whose `description` (decimal conversion) costs microseconds.
struct BigNum: Sendable, CustomStringConvertible {
  /// Base 2^32, least significant first.
  var limbs: [UInt32]

  init(_ limbs: [UInt32]) { self.limbs = limbs }

  var description: String {
    var digits: [String] = []
    var rest = limbs
    while rest.contains(where: { $0 != 0 }) {
      var remainder: UInt64 = 0
      for index in rest.indices.reversed() {
        let value = remainder << 32 | UInt64(rest[index])
        rest[index] = UInt32(value / 1_000_000_000)
        remainder = value % 1_000_000_000
      }
      digits.append(String(remainder))
    }
    guard let first = digits.popLast() else { return "0" }
    return digits.reversed().reduce(first) { text, part in
      text + String(repeating: "0", count: 9 - part.count) + part
    }
  }
}

/// One named value of the mix, with its argument recorded by a traced function.
struct MixValue {
  let name: String
  /// Calls a run makes (fewer for the values whose old rendering takes milliseconds).
  let count: Int
  /// Calls `take` (a traced function with this value as its only argument) `count` times.
  let record: (Int) -> Void
  /// `String(reflecting:)` of the value, `count` times (the old per-value cost).
  let reflect: (Int) -> Int
  /// The writer's render of the value by its plan, `count` times (no record around it).
  let render: (Int) -> Int
  /// The same on a thread that keeps texts (`ValueTexts`): the first render, then lookups.
  let keptRender: (Int) -> Int
}

func mixValue<T>(
  _ name: String, _ value: T, count: Int = 20_000, take: @escaping (T) -> Void
) -> MixValue {
  MixValue(
    name: name, count: count,
    record: { count in for _ in 0..<count { take(value) } },
    reflect: { count in
      var total = 0
      for _ in 0..<count { total &+= String(reflecting: value).utf8.count }
      return total
    },
    render: { count in _renderRepeatedly(value, times: count) },
    keptRender: { count in _renderRepeatedly(value, times: count, kept: true) })
}

/// The mix, each value with the traced function that takes it.
func valuesMix() -> [MixValue] {
  let big = BigNum((0..<8).map { UInt32(truncatingIfNeeded: 0x9E37_79B9 &* ($0 + 1)) })
  let megabyte = String(repeating: "abcdefghij", count: 100_000)
  return [
    mixValue("Int (baseline)", 42, take: takeInt),
    mixValue("struct, no description", Edge(from: 1, to: 2, weight: 0.5), take: takeEdge),
    mixValue("struct with description", Vertex(id: 7, name: "seven"), take: takeVertex),
    mixValue("enum with payload", Block.heading(level: 2, text: "Title"), take: takeBlock),
    mixValue("enum without payload", Weekday.tuesday, take: takeWeekday),
    mixValue("Optional<Int>", Optional(5), take: takeOptional),
    mixValue("[String] (8)", (0..<8).map { "item\($0)" }, take: takeStrings),
    mixValue("[String: Int] (4)", ["a": 1, "b": 2, "c": 3, "d": 4], take: takeDictionary),
    mixValue("[Edge] (4)", (0..<4).map { Edge(from: $0, to: $0 + 1, weight: 1) }, take: takeEdges),
    mixValue("class instance", Cursor(), take: takeCursor),
    mixValue("big number (Sendable)", big, count: 5_000, take: takeBigNum),
    mixValue("1 MB String", megabyte, count: 100, take: takeString),
  ]
}

@Trace(showResult: false) @inline(never) func takeInt(_ value: Int) {}
@Trace(showResult: false) @inline(never) func takeEdge(_ value: Edge) {}
@Trace(showResult: false) @inline(never) func takeVertex(_ value: Vertex) {}
@Trace(showResult: false) @inline(never) func takeBlock(_ value: Block) {}
@Trace(showResult: false) @inline(never) func takeWeekday(_ value: Weekday) {}
@Trace(showResult: false) @inline(never) func takeOptional(_ value: Int?) {}
@Trace(showResult: false) @inline(never) func takeStrings(_ value: [String]) {}
@Trace(showResult: false) @inline(never) func takeDictionary(_ value: [String: Int]) {}
@Trace(showResult: false) @inline(never) func takeEdges(_ value: [Edge]) {}
@Trace(showResult: false) @inline(never) func takeCursor(_ value: Cursor) {}
@Trace(showResult: false) @inline(never) func takeBigNum(_ value: BigNum) {}
@Trace(showResult: false) @inline(never) func takeString(_ value: String) {}
