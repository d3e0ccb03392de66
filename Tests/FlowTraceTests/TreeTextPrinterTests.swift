import FlowTraceText
import FlowTraceWire
import Testing

extension RuntimeSuite {
  /// The tree text printer on hand-made event streams.
  @Suite struct TreeTextPrinterTests {
    static let sites: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "m.swift", line: 1)),
      .callSite(CallSite(id: 2, qualifiedName: "work", labels: ["_"], file: "m.swift", line: 2)),
      .callSite(
        CallSite(id: 3, qualifiedName: "Calc.add", labels: ["_", "to"], file: "", line: 3)),
    ]

    static func call(
      _ id: UInt64, _ parent: UInt64?, site: UInt32 = 2, thread: UInt32 = 1, args: [String]? = nil,
      flags: CollectFlags = [.args, .result], at time: UInt64? = nil
    ) -> TraceEvent {
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: 0, flags: flags,
          timestamp: time, args: args ?? ["\(id)"]))
    }

    static func ret(_ id: UInt64, _ result: String? = "0", at time: UInt64? = nil) -> TraceEvent {
      .return(CallEnd(id: id, timestamp: time, result: result))
    }

    @Test func interleavedThreadsPrintEachRootWhole() {
      let events =
        TreeTextPrinterTests.sites + [
          Self.call(1, nil, thread: 1), Self.call(2, nil, thread: 2), Self.call(3, 1, thread: 1),
          Self.call(4, 2, thread: 2), Self.ret(4), Self.ret(3), Self.ret(2, "b"),
          Self.ret(1, "a"),
        ]
      #expect(
        TreeTextPrinter.render(events) == """
          → work(1)
            → work(3) → 0
          ← work(1) → a
          → work(2)
            → work(4) → 0
          ← work(2) → b

          """)
    }

    @Test func concurrentChildrenKeepTheirSubtreesTogether() {
      let events =
        TreeTextPrinterTests.sites + [
          Self.call(1, nil), Self.call(2, 1, thread: 2), Self.call(3, 1, thread: 3),
          Self.call(4, 2, thread: 2), Self.call(5, 3, thread: 3), Self.ret(5), Self.ret(4),
          Self.ret(3), Self.ret(2), Self.ret(1),
        ]
      #expect(
        TreeTextPrinter.render(events) == """
          → work(1)
            → work(2)
              → work(4) → 0
            ← work(2) → 0
            → work(3)
              → work(5) → 0
            ← work(3) → 0
          ← work(1) → 0

          """)
    }

    @Test func labelsTimingDepthAndUnfinishedCalls() {
      let events =
        TreeTextPrinterTests.sites + [
          Self.call(1, nil, site: 1, args: [], flags: [.timing, .result], at: 0),
          Self.call(2, 1, site: 3, args: ["1", "2"], at: 10),
          Self.call(3, 2, args: ["deep"]), Self.ret(3), Self.ret(2, "3"),
          Self.ret(1, nil, at: 265_000), Self.call(4, nil),
        ]
      #expect(
        TreeTextPrinter.render(events) == """
          → main()
            → Calc.add(1, to: 2)
              → work(deep) → 0
            ← Calc.add(1, to: 2) → 3
          ← main() [0.000265s]
          → work(4)

          """)
      #expect(
        TreeTextPrinter.render(events, options: TreeTextOptions(maxDepth: 2)) == """
          → main()
            → Calc.add(1, to: 2) → 3
          ← main() [0.000265s]
          → work(4)

          """)
    }

    @Test func durationsHaveSixDecimals() {
      let cases: [(UInt64, String)] = [
        (0, "0.000000"), (499, "0.000000"), (500, "0.000001"), (265_000, "0.000265"),
        (1_500_000_000, "1.500000"), (12_345_678_901_234, "12345.678901"),
      ]
      for (nanos, text) in cases {
        let events =
          TreeTextPrinterTests.sites + [
            Self.call(1, nil, flags: [.timing], at: 1000), Self.ret(1, nil, at: 1000 + nanos),
          ]
        #expect(TreeTextPrinter.render(events) == "→ work() [\(text)s]\n")
      }
    }

    @Test func errorsLossesAndColour() {
      let boom = CallError(id: 2, type: "E", description: "E.bad", disposition: .propagated)
      let caught = CallError(id: 1, type: "E", description: "E.bad", disposition: .caught)
      let events =
        TreeTextPrinterTests.sites + [
          Self.call(1, nil), Self.call(2, 1), .error(boom), Self.ret(2, nil), .error(caught),
          .loss(Loss(count: 7, thread: 1, parent: 1)), Self.ret(1, "ok"),
        ]
      #expect(
        TreeTextPrinter.render(events) == """
          → work(1)
            → work(2) ↯ E.bad [propagated]
            ↯ work(1) E.bad [caught]
            ⋯ 7 events lost
          ← work(1) → ok

          """)
      let coloured = TreeTextPrinter.render(events, options: TreeTextOptions(color: true))
      #expect(coloured.contains("\u{1B}[31m↯\u{1B}[0m"))
      #expect(coloured.replacing(/\u{1B}\[[0-9]+m/, with: "") == TreeTextPrinter.render(events))
    }

    @Test func largeSequentialTraceIsLinear() {
      // 200,000 nested-then-flat calls: would take minutes if printing were quadratic.
      var events = TreeTextPrinterTests.sites
      var id: UInt64 = 1
      for _ in 0..<1000 {
        let root = id
        events.append(Self.call(root, nil))
        id += 1
        for _ in 0..<199 {
          events.append(Self.call(id, root))
          events.append(Self.ret(id))
          id += 1
        }
        events.append(Self.ret(root))
      }
      let text = TreeTextPrinter.render(events)
      #expect(text.split(separator: "\n").count == 1000 * 201)
    }
  }
}
