import FlowTraceTestSupport
import FlowTraceText
import FlowTraceWire
import Testing

/// `TreeTextPrinter.printSequence` on traces whose threads and tasks interleave (its
/// per-context printer) against the general `TreeTextPrinter` fed through `TreeFilter`, with
/// every option, colour on and off, cut and corrupted traces.
@Suite struct ContextPrinterTests {
  typealias Fixture = SequencePrinterTests

  /// Thread and task of each context the random traces use (task 0: plain thread; task 7 runs
  /// on two threads, its calls nesting as one context).
  static let contexts: [(thread: UInt32, task: UInt64)] = [
    (1, 0), (2, 0), (3, 0), (2, 7), (4, 9), (3, 7),
  ]

  /// The stack a context's calls nest in: the thread's, or the task's on any thread.
  static func stackKey(_ context: (thread: UInt32, task: UInt64)) -> UInt64 {
    context.task == 0 ? UInt64(context.thread) : 1_000 + context.task
  }

  static let definitions: [TraceEvent] =
    Fixture.sites + [
      .thread(ThreadInfo(id: 2, name: "worker 2")),
      .thread(ThreadInfo(id: 3, name: "worker 3")),
      .thread(ThreadInfo(id: 4, name: "worker 4")),
      .task(TaskInfo(id: 7, parent: nil, name: "task 7")),
      .task(TaskInfo(id: 9, parent: 7, name: "task 9")),
    ]

  /// A random trace of interleaved contexts, each nesting on its own: runs of records of one
  /// context, roots that end and start again, caught errors between children (several per
  /// call), propagated errors, losses; it may end inside calls of several contexts.
  static func randomInterleaved(_ rng: inout SplitMix, size: Int, losses: Bool) -> [TraceEvent] {
    let values = ["1", "\"é✓\"", "", "x y", "nil", "\u{7}bell"]
    let siteIDs: [UInt32] = [1, 2, 3, 4, 70_000]
    var events = definitions
    var nextID: UInt64 = 1
    var clock: UInt64 = 0
    var stacks: [UInt64: [UInt64]] = [:]
    var active = 0
    for _ in 0..<size {
      if Int.random(in: 0..<3, using: &rng) == 0 {
        active = Int.random(in: 0..<contexts.count, using: &rng)
      }
      clock += UInt64.random(in: 0...3_000_000_000, using: &rng)
      let roll = Int.random(in: 0..<20, using: &rng)
      let key = stackKey(contexts[active])
      if losses, roll == 0 {
        events.append(
          .loss(
            Loss(
              count: UInt64.random(in: 1...5, using: &rng), thread: contexts[active].thread,
              parent: stacks[key]?.last)))
        continue
      }
      let stack = stacks[key] ?? []
      if let top = stack.last, roll <= 2 {
        events.append(
          .error(
            CallError(
              id: top, type: "E", description: roll == 1 ? "E(\(top))" : "c\u{1B}\(top)",
              disposition: roll == 1 ? .propagated : .caught)))
      } else if stack.isEmpty || (stack.count < 6 && roll < 12) {
        let site = siteIDs.randomElement(using: &rng)!
        var flags = CollectFlags()
        if Bool.random(using: &rng) { flags.insert(.args) }
        if Bool.random(using: &rng) { flags.insert(.result) }
        if Int.random(in: 0..<4, using: &rng) > 0 { flags.insert(.timing) }
        let args =
          flags.contains(.args)
          ? (0..<Int.random(in: 0...2, using: &rng)).map { _ in values.randomElement(using: &rng)! }
          : nil
        events.append(
          .call(
            CallStart(
              id: nextID, parent: stack.last, site: site, thread: contexts[active].thread,
              task: contexts[active].task, flags: flags,
              timestamp: flags.contains(.timing) ? clock : nil, args: args)))
        stacks[key, default: []].append(nextID)
        nextID += UInt64.random(in: 1...2, using: &rng)
      } else if let top = stack.last {
        events.append(
          .return(CallEnd(id: top, timestamp: clock, result: values.randomElement(using: &rng))))
        stacks[key]?.removeLast()
      }
    }
    return events
  }

  static let depths: [Int?] = [nil, 1, 2, 3]

  @Test(arguments: [false, true])
  func matchesTheGeneralPrinterWithEveryOption(color: Bool) throws {
    var rng = SplitMix(state: color ? 23 : 29)
    var sawLoss = false
    var sawHeldTree = false
    for round in 0..<40 {
      let events = Self.randomInterleaved(
        &rng, size: Int.random(in: 5...160, using: &rng), losses: round % 2 == 1)
      let bytes = try Fixture.binary(events)
      for depth in Self.depths {
        for selection in Fixture.selections {
          let options = TreeTextOptions(color: color, maxDepth: depth)
          let expected = Fixture.expected(events, options, selection)
          let actual = try Fixture.fast(bytes, options, selection)
          #expect(actual == expected, "round \(round) depth \(depth ?? 0) \(selection)")
          if expected.contains("events lost") { sawLoss = true }
        }
      }
      // A tree held back: a second root started while the first was open.
      var open = 0
      for event in events {
        if case .call(let call) = event, call.parent == nil, open > 0 { sawHeldTree = true }
        if case .call(let call) = event, call.parent == nil { open += 1 }
      }
    }
    #expect(sawLoss)
    #expect(sawHeldTree)
  }

  @Test func cutAndCorruptedTracesMatchTheGeneralPath() throws {
    var rng = SplitMix(state: 43)
    // Without error records (an error after a context switch names its call explicitly), the
    // framing alone proves the nesting: no check pass declines a bad record first.
    let bytes = try Fixture.binary(
      Self.randomInterleaved(&rng, size: 150, losses: true).filter {
        if case .error = $0 { return false } else { return true }
      })
    var printed = 0
    var threw = 0
    for round in 0..<300 {
      var mutated = bytes
      if round % 3 == 0 {
        mutated.removeLast(Int.random(in: 1...mutated.count / 2, using: &rng))
      } else {
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(
            in: 0...255, using: &rng)
        }
      }
      for selection in [TreeTextSelection(), TreeTextSelection(errorsOnly: true)] {
        let options = TreeTextOptions(color: round % 2 == 0, maxDepth: round % 5 == 0 ? 2 : nil)
        // What it prints, in full or up to a bad record it throws at, is what the general
        // path prints for the events decoded before it.
        var text: [UInt8] = []
        let result = Result {
          try mutated.withUnsafeBytes { raw in
            try TreeTextPrinter.printSequence(binary: raw, options: options, selection: selection) {
              text.append(contentsOf: $0)
              return true
            }
          }
        }
        if case .success(false) = result { continue }
        let decoded = DecodedTrace(binary: mutated)
        #expect(
          String(decoding: text, as: UTF8.self)
            == Fixture.expected(decoded.events, options, selection), "round \(round)")
        if case .success = result { printed += 1 } else { threw += 1 }
      }
    }
    #expect(threw > 0)
    #expect(printed > 50)
  }

  /// The order of trees: the first root prints as it goes; roots that started meanwhile wait
  /// and print after it (ended ones in order of end, then the open ones in order of start).
  @Test func heldTreesFollowTheCurrentRoot() throws {
    func call(_ id: UInt64, _ parent: UInt64?, thread: UInt32, site: UInt32 = 1) -> TraceEvent {
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: 0, flags: [], timestamp: nil,
          args: nil))
    }
    func end(_ id: UInt64) -> TraceEvent { .return(CallEnd(id: id, timestamp: nil, result: nil)) }
    let events =
      Self.definitions + [
        call(1, nil, thread: 1), call(2, nil, thread: 2), call(3, 2, thread: 2, site: 3),
        call(4, nil, thread: 3), call(5, 1, thread: 1, site: 3), end(5), end(4), end(3),
        .loss(Loss(count: 2, thread: 2, parent: 2)), end(1), call(6, nil, thread: 3),
        call(7, 6, thread: 3, site: 3), .loss(Loss(count: 4, thread: 3, parent: 7)),
      ]
    let text = try #require(
      try Fixture.fast(try Fixture.binary(events), TreeTextOptions(), TreeTextSelection()))
    #expect(text == Fixture.expected(events, TreeTextOptions(), TreeTextSelection()))
    // Thread 1's root, printed as it goes with the first loss inside; thread 3's ended root;
    // then thread 2's root (open, promoted), the loss held back meanwhile, and thread 3's
    // second root, both unfinished: each still prints.
    #expect(
      text == "→ f()\n  → h()\n  ⋯ 2 events lost\n← f()\n→ f()\n→ f()\n  → h()\n"
        + "⋯ 4 events lost\n→ f()\n  → h()\n")
  }

  @Test func declinesCallsNestedUnderAnotherContext() throws {
    let events =
      Self.definitions + [
        .call(
          CallStart(
            id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
        .call(
          CallStart(
            id: 2, parent: 1, site: 3, thread: 2, task: 7, flags: [], timestamp: nil, args: nil)),
        .return(CallEnd(id: 2, timestamp: nil, result: nil)),
        .return(CallEnd(id: 1, timestamp: nil, result: nil)),
      ]
    let bytes = try Fixture.binary(events)
    #expect(try Fixture.fast(bytes, TreeTextOptions(), TreeTextSelection()) == nil)
    // Interleaved roots without streaming print in another order: the general path's.
    var rng = SplitMix(state: 5)
    let interleaved = try Fixture.binary(Self.randomInterleaved(&rng, size: 200, losses: false))
    #expect(try Fixture.fast(interleaved, TreeTextOptions(), TreeTextSelection()) != nil)
    #expect(
      try Fixture.fast(interleaved, TreeTextOptions(streaming: false), TreeTextSelection()) == nil)
  }
}
