// Enums with payloads for the differential test: every layout the metadata reader meets
// (one payload case, several with spare bits, labelled and unlabelled tuples, generic,
// existential, class and closure payloads) and the ones it leaves to reflection (`indirect`,
// a `Void` payload).

enum MixSingle: Sendable {
  case value(Int)
  case none1, none2
}
enum MixShapes: Sendable {
  case circle(Double)
  case rect(w: Double, h: Double)
  case label(String)
  case point
  case plain(MixPlain)
}
enum MixLabels: Sendable {
  case named(x: Int)
  case pair(Int, String)
  case mixed(Int, name: String)
  case other
}
enum MixEither<L, R> {
  case left(L)
  case right(R)
}
enum MixHeld {
  case shape(any MixShape)
  case anyValue(Any)
  case node(MixNode)
  case maybe(Int?)
  case function((Int) -> Int)
  case inner(MixShapes)
  case list([MixShapes])
}
enum MixUnit {
  case unit(Void)
  case other(Int)
}
indirect enum MixExpr {
  case num(Int)
  case add(MixExpr, MixExpr)
}
enum MixPartlyIndirect {
  case leaf(Int)
  indirect case node(MixPartlyIndirect)
}
struct MixFailure: Error {}
struct MixWithEnum {
  var shape: MixShapes
  var day: MixDay
}

func enumMixCases() -> [MixCase] {
  [
    mixCase("single", MixSingle.value(3)), mixCase("single empty", MixSingle.none2),
    mixCase("circle", MixShapes.circle(1.5)), mixCase("rect", MixShapes.rect(w: 1, h: 2)),
    mixCase("label", MixShapes.label("hi \"x\"\n")), mixCase("point", MixShapes.point),
    mixCase("plain payload", MixShapes.plain(MixPlain(from: 1, label: "a"))),
    mixCase("one label", MixLabels.named(x: 1)), mixCase("pair", MixLabels.pair(1, "s")),
    mixCase("mixed labels", MixLabels.mixed(2, name: "n")),
    mixCase("labels empty", MixLabels.other),
    mixCase("generic left", MixEither<Int, String>.left(4)),
    mixCase("generic right", MixEither<MixPlain, [Int]>.right([1, 2])),
    mixCase("existential", MixHeld.shape(MixPlain(from: 2, label: "b"))),
    mixCase("Any payload", MixHeld.anyValue(5)), mixCase("class payload", MixHeld.node(MixNode())),
    mixCase("optional payload", MixHeld.maybe(3)), mixCase("nil payload", MixHeld.maybe(nil)),
    mixCase("closure payload", MixHeld.function({ $0 })),
    mixCase("nested enum", MixHeld.inner(.rect(w: 3, h: 4))),
    mixCase(
      "[enum] payload", MixHeld.list([.point, .label(String(repeating: "long ", count: 60))])),
    mixCase("Void payload", MixUnit.unit(())), mixCase("beside Void", MixUnit.other(1)),
    mixCase("indirect", MixExpr.add(.num(1), .num(2))),
    mixCase("partly indirect", MixPartlyIndirect.node(.leaf(1))),
    mixCase("Result success", Result<Int, MixFailure>.success(3)),
    mixCase("Result failure", Result<Int, any Error>.failure(MixFailure())),
    mixCase("[enum]", [MixShapes.circle(2), .point, .rect(w: 0, h: -1)]),
    mixCase("enum?", Optional(MixShapes.label("o"))),
    mixCase("enum field", MixWithEnum(shape: .rect(w: 5, h: 6), day: .monday)),
    mixCase("[String: enum]", ["k": MixShapes.circle(0)]),
  ]
}
