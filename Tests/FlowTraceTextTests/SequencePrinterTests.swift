import FlowTraceTestSupport
import FlowTraceText
import FlowTraceWire
import Testing

/// `TreeTextPrinter.printSequence` (the fast path of `flowtrace print`) against the general
/// `TreeTextPrinter` fed through `TreeFilter`, on random single-sequence traces, with every
/// option: depth, include, exclude, errors, colour.
@Suite struct SequencePrinterTests {

  static let sites: [TraceEvent] = [
    .callSite(CallSite(id: 1, qualifiedName: "f", labels: ["_"], file: "", line: 0)),
    .callSite(CallSite(id: 2, qualifiedName: "Type.g", labels: ["a", "_"], file: "", line: 0)),
    .callSite(CallSite(id: 3, qualifiedName: "h", labels: [], file: "", line: 0)),
    .callSite(
      CallSite(id: 4, qualifiedName: "Bad\u{1B}[31m.é", labels: ["x\n"], file: "", line: 0)),
    .callSite(CallSite(id: 70_000, qualifiedName: "far.away", labels: [""], file: "", line: 0)),
    .thread(ThreadInfo(id: 1, name: "main")),
  ]

  /// A random trace that nests as one sequence (roots one after another, no losses), with
  /// arguments, results, timing and both error dispositions; it may end inside calls.
  static func randomSequence(_ rng: inout SplitMix, size: Int) -> [TraceEvent] {
    let values = ["1", "\"é✓\"", "", "x y", "[1, 2]", "nil", "\"\\n\"", "\u{7}bell", "\u{202E}rtl"]
    let siteIDs: [UInt32] = [1, 2, 3, 4, 70_000]
    var events = sites
    var nextID: UInt64 = 1
    var clock: UInt64 = 0
    var stack: [UInt64] = []
    for _ in 0..<size {
      clock += UInt64.random(in: 0...3_000_000_000, using: &rng)
      if stack.isEmpty || (stack.count < 7 && Int.random(in: 0..<3, using: &rng) > 0) {
        let site = siteIDs.randomElement(using: &rng)!
        var flags = CollectFlags()
        if Bool.random(using: &rng) { flags.insert(.args) }
        if Bool.random(using: &rng) { flags.insert(.result) }
        if Int.random(in: 0..<4, using: &rng) > 0 { flags.insert(.timing) }
        let args =
          flags.contains(.args)
          ? (0..<Int.random(in: 0...3, using: &rng)).map { _ in values.randomElement(using: &rng)! }
          : nil
        events.append(
          .call(
            CallStart(
              id: nextID, parent: stack.last, site: site, thread: 1, task: 0, flags: flags,
              timestamp: flags.contains(.timing) ? clock : nil, args: args)))
        stack.append(nextID)
        nextID += UInt64.random(in: 1...3, using: &rng)
      } else {
        let id = stack[stack.count - 1]
        let roll = Int.random(in: 0..<8, using: &rng)
        if roll == 0 {
          events.append(
            .error(CallError(id: id, type: "E", description: "E(\(id))", disposition: .propagated)))
        } else if roll == 1 {
          events.append(
            .error(CallError(id: id, type: "E", description: "c\u{1B}\(id)", disposition: .caught)))
        }
        events.append(
          .return(
            CallEnd(
              id: id, timestamp: roll == 2 ? nil : clock,
              result: roll == 0 ? nil : values.randomElement(using: &rng))))
        stack.removeLast()
      }
    }
    return events
  }

  static func binary(_ events: [TraceEvent]) throws -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 1, program: "t", arguments: [], startWallNanos: 0))
    for event in events { try encoder.encode(event) }
    return encoder.takeBytes()
  }

  /// The general printer's text for `events` with these options.
  static func expected(
    _ events: [TraceEvent], _ options: TreeTextOptions, _ selection: TreeTextSelection
  ) -> String {
    var filter = TreeFilter(
      selection: selection,
      errorPath: selection.errorsOnly ? TreeFilter.errorPath(of: events) : nil)
    var filtered: [TraceEvent] = []
    for event in events { filter.consume(event) { filtered.append($0) } }
    return TreeTextPrinter.render(filtered, options: options)
  }

  /// The fast printer's text, or nil when it declines the trace.
  static func fast(
    _ bytes: [UInt8], _ options: TreeTextOptions, _ selection: TreeTextSelection
  ) throws -> String? {
    var text: [UInt8] = []
    let printed = try bytes.withUnsafeBytes { raw in
      try TreeTextPrinter.printSequence(binary: raw, options: options, selection: selection) {
        text.append(contentsOf: $0)
        return true
      }
    }
    return printed ? String(decoding: text, as: UTF8.self) : nil
  }

  static let selections: [TreeTextSelection] = [
    TreeTextSelection(),
    TreeTextSelection(include: [Glob("f"), Glob("*.g")]),
    TreeTextSelection(exclude: [Glob("Type.*"), Glob("h")]),
    TreeTextSelection(include: [Glob("*")], exclude: [Glob("f")]),
    TreeTextSelection(errorsOnly: true),
    TreeTextSelection(exclude: [Glob("f")], errorsOnly: true),
  ]

  @Test(arguments: [false, true])
  func matchesTheGeneralPrinterWithEveryOption(color: Bool) throws {
    var rng = SplitMix(state: color ? 17 : 3)
    var sawErrorLines = false
    for round in 0..<30 {
      let events = Self.randomSequence(&rng, size: Int.random(in: 5...120, using: &rng))
      let bytes = try Self.binary(events)
      for depth in [nil, 1, 2, 4] as [Int?] {
        for selection in Self.selections {
          let options = TreeTextOptions(color: color, maxDepth: depth)
          let expected = Self.expected(events, options, selection)
          let actual = try Self.fast(bytes, options, selection)
          #expect(actual == expected, "round \(round) depth \(depth ?? 0) \(selection)")
          if selection.errorsOnly, expected.contains("[caught]") { sawErrorLines = true }
        }
      }
    }
    #expect(sawErrorLines)
  }

  @Test func colourAndEscapesAreTheGeneralPrinters() throws {
    let events =
      Self.sites + [
        .call(
          CallStart(
            id: 1, parent: nil, site: 4, thread: 1, task: 0, flags: [.args, .result, .timing],
            timestamp: 5, args: ["\u{1B}]0;x\u{7}"])),
        .error(CallError(id: 1, type: "E", description: "bad\u{202E}", disposition: .propagated)),
        .return(CallEnd(id: 1, timestamp: 1_500_000_000_123, result: "r")),
      ]
    let options = TreeTextOptions(color: true)
    let text = try #require(try Self.fast(try Self.binary(events), options, TreeTextSelection()))
    #expect(text == Self.expected(events, options, TreeTextSelection()))
    #expect(text.contains("\u{1B}[1mBad\\e[31m.é\u{1B}[0m(x\\n: \\e]0;x\\x07)"))
    #expect(text.contains("[1500.000000s]"))
    #expect(!text.contains("\u{202E}"))
  }

  @Test func largeOutputArrivesInBlocksInOrder() throws {
    var events = Self.sites
    for id in 1...40_000 as ClosedRange<UInt64> {
      events.append(
        .call(
          CallStart(
            id: id, parent: id == 1 ? nil : 1, site: 2, thread: 1, task: 0, flags: [.args],
            timestamp: nil, args: [String(id), String(repeating: "v", count: 20)])))
      if id > 1 { events.append(.return(CallEnd(id: id, timestamp: nil, result: nil))) }
    }
    events.append(.return(CallEnd(id: 1, timestamp: nil, result: nil)))
    let bytes = try Self.binary(events)
    var blocks = 0
    var text: [UInt8] = []
    let printed = try bytes.withUnsafeBytes { raw in
      try TreeTextPrinter.printSequence(binary: raw) {
        blocks += 1
        text.append(contentsOf: $0)
        return true
      }
    }
    #expect(printed)
    #expect(blocks >= 2)
    #expect(String(decoding: text, as: UTF8.self) == TreeTextPrinter.render(events))
    // A writer that fails stops the printing after its first block.
    var calls = 0
    _ = try bytes.withUnsafeBytes { raw in
      try TreeTextPrinter.printSequence(binary: raw) { _ in
        calls += 1
        return false
      }
    }
    #expect(calls == 1)
  }

  /// Interleaved threads and losses go to the per-context printer (`ContextPrinterTests`); a
  /// trace that does not decode is left to the general path.
  @Test func interleavedAndLossyTracesPrintTheSameAndBadOnesAreDeclined() throws {
    let interleaved =
      Self.sites + [
        .thread(ThreadInfo(id: 2, name: "other")),
        .call(
          CallStart(
            id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
        .call(
          CallStart(
            id: 2, parent: nil, site: 1, thread: 2, task: 0, flags: [], timestamp: nil, args: nil)),
        .return(CallEnd(id: 1, timestamp: nil, result: nil)),
        .return(CallEnd(id: 2, timestamp: nil, result: nil)),
      ]
    #expect(
      try Self.fast(try Self.binary(interleaved), TreeTextOptions(), TreeTextSelection())
        == "→ f()\n→ f()\n")
    let lossy =
      Self.sites + [
        .call(
          CallStart(
            id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
        .loss(Loss(count: 3, thread: 1, parent: 1)),
        .return(CallEnd(id: 1, timestamp: nil, result: nil)),
      ]
    let lossyText = try Self.fast(try Self.binary(lossy), TreeTextOptions(), TreeTextSelection())
    #expect(lossyText == Self.expected(lossy, TreeTextOptions(), TreeTextSelection()))
    // (The general printer prints a loss when it arrives: before the leaf line of its call.)
    #expect(lossyText == "  ⋯ 3 events lost\n→ f()\n")
    let good = try Self.binary(Array(lossy.prefix(Self.sites.count + 1)))
    #expect(try Self.fast(good, TreeTextOptions(), TreeTextSelection()) == "→ f()\n")
    #expect(try Self.fast(Array(good.dropLast(1)), TreeTextOptions(), TreeTextSelection()) == nil)
  }

  @Test func aBadRecordEndsThePrintingWithTheGeneralPrintersPrefix() throws {
    let events =
      Self.sites + [
        .call(
          CallStart(
            id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
            args: ["1"])),
        .call(
          CallStart(
            id: 2, parent: 1, site: 3, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
        .return(CallEnd(id: 2, timestamp: nil, result: nil)),
      ]
    // A return record whose form byte has reserved bits set: framed well, bad inside.
    let bytes = try Self.binary(events) + [0x06, 0x01, 0xFC]
    var text: [UInt8] = []
    #expect(throws: TraceFormatError.self) {
      try bytes.withUnsafeBytes { raw in
        try TreeTextPrinter.printSequence(binary: raw, source: "bad.ftrace") {
          text.append(contentsOf: $0)
          return true
        }
      }
    }
    #expect(String(decoding: text, as: UTF8.self) == TreeTextPrinter.render(events))
    #expect(String(decoding: text, as: UTF8.self) == "→ f(1)\n  → h()\n")
  }

  @Test func flippedBytesAndTruncationsNeverCrashIt() throws {
    var rng = SplitMix(state: 41)
    let bytes = try Self.binary(Self.randomSequence(&rng, size: 80))
    var printed = 0
    var declined = 0
    for round in 0..<400 {
      var mutated = bytes
      if round % 4 == 0 {
        mutated.removeLast(Int.random(in: 1...mutated.count, using: &rng))
      } else {
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
          mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(
            in: 0...255, using: &rng)
        }
      }
      for selection in [TreeTextSelection(), TreeTextSelection(errorsOnly: true)] {
        let options = TreeTextOptions(color: round % 2 == 0, maxDepth: round % 3 == 0 ? 2 : nil)
        let result = Result { try Self.fast(mutated, options, selection) }
        if case .success(let text?) = result {
          // Whatever it prints in full is what the general path prints for the same bytes.
          let decoded = DecodedTrace(binary: mutated)
          #expect(text == Self.expected(decoded.events, options, selection), "round \(round)")
          printed += 1
        } else {
          declined += 1
        }
      }
    }
    // Most single-byte flips still leave a printable prefix; some make the trace invalid.
    #expect(printed > 0)
    #expect(declined > 0)
  }
}
