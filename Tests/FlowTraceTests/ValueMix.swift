import FlowTrace

// The differential test's mix: every kind of value the render plans treat apart, with
// values whose text is easy to get subtly wrong (escapes, grapheme clusters at the cut).

struct MixPlain: Sendable, Hashable {
  var from: Int
  var label: String
}

struct MixDescribed: Sendable, CustomStringConvertible {
  var id: Int
  var description: String { "described #\(id)" }
}

struct MixDebug: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  var description: String { "plain" }
  var debugDescription: String { "debug ⟨é⟩" }
}

struct MixStreamed: Sendable, TextOutputStreamable {
  var parts: [String]
  func write<Target: TextOutputStream>(to target: inout Target) {
    for part in parts { target.write(part) }
  }
}

struct MixTraced: Sendable, TraceRepresentable, CustomStringConvertible {
  var x: Int
  var traceDescription: String { "traced(\(x))" }
  var description: String { "described(\(x))" }
}

enum MixPayload: Sendable {
  case heading(level: Int, text: String)
  case list([String])
  case blank
}

enum MixDay: Sendable { case monday, tuesday }

/// A class without a description, and a subclass with one.
class MixNode: @unchecked Sendable {
  var position = 0
}
final class MixDescribedNode: MixNode, CustomStringConvertible, @unchecked Sendable {
  var description: String { "node at \(position)" }
}

protocol MixShape: Sendable {}
extension MixPlain: MixShape {}
extension MixDescribed: MixShape {}

/// A big-number-like value: its `description` is a decimal conversion.
struct MixBig: Sendable, CustomStringConvertible {
  var limbs: [UInt32]
  var description: String {
    var rest = limbs
    var digits = ""
    while rest.contains(where: { $0 != 0 }) {
      var remainder: UInt64 = 0
      for index in rest.indices.reversed() {
        let value = remainder << 32 | UInt64(rest[index])
        rest[index] = UInt32(value / 10)
        remainder = value % 10
      }
      digits.append(Character(String(remainder)))
    }
    return digits.isEmpty ? "0" : String(digits.reversed())
  }
}

/// One value of the mix, type-erased: each closure keeps the value's static type.
struct MixCase {
  let name: String
  let oracle: (Int) -> String
  let plan: (Int) -> String
}

/// Strings whose quoting or cutting is easy to get wrong, short and long.
let mixStrings: [String] = [
  "", "a\"b\\c", "tab\tnew\nline\0nul", "e\u{301}" + String(repeating: "x", count: 30),
  "\u{301}leading combining", "🇫🇷🇩🇪🇮🇹 flags", "👨‍👩‍👧 family", "\u{7F}\u{1B}[31m esc",
  String(repeating: "a\u{301}", count: 2_000), String(repeating: "🇫🇷", count: 700),
  String(repeating: "é", count: 1_000) + "\"end", String(repeating: "abcdefghij", count: 100_000),
  String(repeating: "\u{1F}", count: 500),
]

/// Structs whose stored fields are read in place (or must not be).
struct MixGeneric<Element>: Sendable where Element: Sendable {
  var element: Element
  var count = 2
}
struct MixNested: Sendable {
  var inner = MixPlain(from: 3, label: "in\"ner")
  var maybe: Int? = nil
  var list = ["x"]
  private var hidden = 1.5
}
struct MixWeak {
  weak var node: MixNode?
  var id = 1
}
struct MixHolder {
  var node: MixNode
  var shape: any MixShape
}
struct MixMirrored: CustomReflectable {
  var customMirror: Mirror { Mirror(self, children: ["shown": 1]) }
}
struct MixLazy {
  lazy var value = 3
}
struct MixTree: Sendable {
  var label: String
  var children: [MixTree]
}
struct MixEmpty: Sendable {}
/// Every kind of field a render program reads in place, and fields it leaves to their plans.
struct MixWidths: Sendable {
  var i8: Int8 = -8
  var i16: Int16 = .min
  var i32: Int32 = -32
  var i64: Int64 = .min
  var u8: UInt8 = 255
  var u16: UInt16 = 16
  var u32: UInt32 = .max
  var u64: UInt64 = .max
  var u: UInt = 7
  var flag = true
  var ratio = 0.1
  var day = MixDay.tuesday
  var letter: MixLetter? = .c
  var noLetter: MixLetter? = nil
  var inner: MixNested? = MixNested()
  var none: MixPlain? = nil
  var straße = "weiß\n"
  var deep: Int?? = .some(nil)
  var big = MixBig(limbs: [3])
}
enum MixLetter: String, Sendable { case a, b, c }
enum MixMany: Sendable {
  case c0, c1, c2, c3, c4, c5, c6, c7, c8, c9
}
