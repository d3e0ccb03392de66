@testable import FlowTrace

/// `value` rendered by the rule FlowTrace had before render plans (the oracle), at `limit`.
func oldRule<T>(_ value: T, limit: Int) -> String {
  if T.self == Int.self, let int = value as? Int { return String(int) }
  if T.self == Double.self, let double = value as? Double { return String(describing: double) }
  if T.self == Bool.self, let bool = value as? Bool { return bool ? "true" : "false" }
  if let string = value as? String { return oldCut(string.debugDescription, limit) }
  if let representable = value as? any TraceRepresentable {
    return oldCut(representable.traceDescription, limit)
  }
  return oldCut(String(reflecting: value), limit)
}

/// The old cut: more than `limit` characters keep `limit - 1` and `…`.
func oldCut(_ text: String, _ limit: Int) -> String {
  guard text.count > limit else { return text }
  return String(text.prefix(limit - 1)) + "…"
}

func mixCase<T>(_ name: String, _ value: T) -> MixCase {
  MixCase(
    name: name, oracle: { oldRule(value, limit: $0) },
    plan: { ValueRender.render(value, limit: $0) })
}

/// Every value of the mix.
func mixCases() -> [MixCase] {
  let node = MixNode()
  let described = MixDescribedNode()
  described.position = 3
  let plain = MixPlain(from: 1, label: "one")
  var cases: [MixCase] = [
    mixCase("Int", 42), mixCase("Double", 0.1), mixCase("Bool", true),
    mixCase("Character", Character("é")), mixCase("Substring", "sub string".dropFirst(2)),
    mixCase("struct", plain), mixCase("struct description", MixDescribed(id: 7)),
    mixCase("struct debugDescription", MixDebug()),
    mixCase("streamable", MixStreamed(parts: (0..<300).map { "p\($0) " })),
    mixCase("TraceRepresentable", MixTraced(x: 5)),
    mixCase("enum payload", MixPayload.heading(level: 2, text: "Title")),
    mixCase("enum list", MixPayload.list(["a", "b"])), mixCase("enum blank", MixPayload.blank),
    mixCase("enum no payload", MixDay.tuesday),
    mixCase("Int?", Optional(5)), mixCase("Int? nil", Int?.none),
    mixCase("String?", Optional("x\"y")), mixCase("String? nil", String?.none),
    mixCase("String??", Optional(Optional("deep"))),
    mixCase("String?? inner nil", String??.some(nil)),
    mixCase("traced?", Optional(MixTraced(x: 1))), mixCase("traced? nil", MixTraced?.none),
    mixCase("traced??", MixTraced??.some(.some(MixTraced(x: 2)))),
    mixCase("struct?", Optional(plain)), mixCase("[traced]", [MixTraced(x: 1), MixTraced(x: 2)]),
    mixCase("[String]", (0..<8).map { "item\($0)" }), mixCase("[String] empty", [String]()),
    mixCase("[Int]", Array(0..<500)), mixCase("[struct]", [plain, plain]),
    mixCase("[String?]", ["a", nil, "c"]), mixCase("[[Int]]", [[1, 2], [], [3]]),
    mixCase("[String: Int]", ["a": 1, "b": 2, "c": 3]),
    mixCase("[String: Int] empty", [String: Int]()),
    mixCase("[Int: struct]", [1: plain, 2: plain]), mixCase("Set", Set([plain])),
    mixCase("tuple", (1, "two", plain)), mixCase("class", node), mixCase("subclass", described),
    mixCase("class as base", described as MixNode), mixCase("[class]", [node, described]),
    mixCase("class?", Optional(described)), mixCase("Any Int", 5 as Any),
    mixCase("Any String", "s" as Any), mixCase("Any traced", MixTraced(x: 9) as Any),
    mixCase("any MixShape", plain as any MixShape),
    mixCase("big number", MixBig(limbs: [7, 9, 11, 13])),
    mixCase("metatype", MixPlain.self), mixCase("function", { (x: Int) in x }),
    mixCase("generic struct", MixGeneric(element: "e")),
    mixCase("generic of struct", MixGeneric(element: [plain])), mixCase("nested", MixNested()),
    mixCase("weak", MixWeak(node: node)), mixCase("weak nil", MixWeak(node: nil)),
    mixCase("holder", MixHolder(node: described, shape: plain)), mixCase("mirrored", MixMirrored()),
    mixCase("lazy", MixLazy()), mixCase("empty", MixEmpty()), mixCase("letter", MixLetter.b),
    mixCase("many", MixMany.c7), mixCase("many first", MixMany.c0),
    mixCase("[many]", [MixMany.c1, .c9]), mixCase("many?", Optional(MixMany.c3)),
    mixCase("widths", MixWidths()), mixCase("widths?", Optional(MixWidths())),
    mixCase("widths? nil", MixWidths?.none), mixCase("[widths]", [MixWidths(), MixWidths()]),
    mixCase(
      "tree",
      MixTree(
        label: "root",
        children: [MixTree(label: "leaf", children: []), MixTree(label: "x", children: [])])),
  ]
  cases += enumMixCases()
  for (index, string) in mixStrings.enumerated() {
    cases.append(mixCase("string \(index)", string))
    cases.append(mixCase("[string \(index)]", [string, string]))
    cases.append(mixCase("string? \(index)", Optional(string)))
    cases.append(mixCase("[string \(index): 1]", [string: 1]))
  }
  return cases
}

/// Collections rendered, changed in place, and rendered again (their texts are kept per
/// storage: a change must not show the kept text).
func mixChangedCollections(limit: Int) -> [(String, String)] {
  var pairs: [(String, String)] = []
  var table = ["a": 1, "b": 2]
  var list = ["x", "y"]
  var plain = [MixPlain(from: 1, label: "p")]
  for step in 0..<3 {
    pairs.append((ValueRender.render(table, limit: limit), oldRule(table, limit: limit)))
    pairs.append((ValueRender.render(list, limit: limit), oldRule(list, limit: limit)))
    pairs.append((ValueRender.render(plain, limit: limit), oldRule(plain, limit: limit)))
    table["a", default: 0] += step + 1
    list[0] += "\(step)"
    plain[0].from += 1
  }
  return pairs
}
