import FlowTraceExplorer
import FlowTraceWire
import Testing

/// Short results that repeat share one record in the string arena; every call still reads
/// back its own result, through the decoder's visitor and through `TraceEvent`s alike.
@Suite struct ResultInternTests {
  static func results(_ k: Int) -> String {
    switch k % 4 {
    case 0: return String(k % 10)
    case 1: return "\"same\""
    case 2: return String(repeating: "x", count: 30 + k % 3)  // too long to share
    default: return String(k)  // mostly distinct, some hash slots collide
    }
  }

  static func script(calls: Int) -> TraceScript {
    var s = TraceScript()
    let main = s.call("main")
    for k in 0..<calls { s.leaf("f", [String(k)], results(k), parent: main) }
    s.ret(main)
    return s
  }

  @Test func everyCallReadsItsOwnResult() throws {
    let calls = 20_000
    let events = Self.script(calls: calls).events
    var fromEvents = CallTree()
    fromEvents.append(contentsOf: events)
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 1, program: "p", arguments: [], startWallNanos: 0))
    for event in events { try encoder.encode(event) }
    var fromBytes = CallTree()
    var decoder = TraceDecoder()
    try decoder.feed(encoder.takeBytes(), into: &fromBytes)
    try decoder.finish()
    for tree in [fromEvents, fromBytes] {
      let main = try #require(tree.node("main()"))
      let children = tree.children(of: main)
      #expect(children.count == calls)
      for (k, node) in children.enumerated() {
        #expect(tree.result(of: node) == Self.results(k))
        #expect(tree.arguments(of: node) == [String(k)])
      }
      // Without sharing: each call's argument record (count, length, bytes; all distinct
      // here) plus its own result record.
      func padded(_ n: Int) -> Int { (n + 3) / 4 * 4 }
      let payloads = (0..<calls).reduce(0) { $0 + padded(2 + String($1).utf8.count) }
      let unshared = (0..<calls).reduce(payloads) {
        $0 + padded(1 + Self.results($1).utf8.count)
      }
      #expect(tree.footprint.strings >= payloads)
      #expect(tree.footprint.strings <= unshared - calls)
    }
  }
}
