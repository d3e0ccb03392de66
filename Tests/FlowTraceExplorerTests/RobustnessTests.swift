import FlowTraceExplorer
import FlowTraceWire
import Testing

/// Random, often malformed event streams: nothing traps, and the tree stays a tree.
@Suite struct RobustnessTests {
  /// A small deterministic generator (xorshift), so a failure can be replayed by seed.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
  }

  func randomEvents(seed: UInt64, count: Int) -> [TraceEvent] {
    var random = Random(state: seed)
    var events: [TraceEvent] = []
    var nextID: UInt64 = 1
    for _ in 0..<count {
      let id = UInt64(random.next(Int(nextID) + 2))
      let time: UInt64? = random.next(5) == 0 ? nil : UInt64(random.next(1_000))
      switch random.next(10) {
      case 0:
        events.append(
          .callSite(
            CallSite(
              id: UInt32(random.next(6)), qualifiedName: "f\(random.next(4))",
              labels: random.next(2) == 0 ? ["_"] : ["a", "b"], file: "x.swift", line: 1)))
      case 1, 2, 3:
        let args: [String]? = random.next(3) == 0 ? nil : (0..<random.next(3)).map { "\($0)" }
        events.append(
          .call(
            CallStart(
              id: nextID, parent: random.next(4) == 0 ? nil : id, site: UInt32(random.next(7)),
              thread: UInt32(random.next(3)), task: UInt64(random.next(2)),
              flags: [.args, .result], timestamp: time, args: args)))
        nextID += UInt64(1 + random.next(2))
      case 4, 5, 6:
        events.append(
          .return(CallEnd(id: id, timestamp: time, result: random.next(2) == 0 ? nil : "r")))
      case 7:
        events.append(
          .error(
            CallError(
              id: id, type: "E", description: "e\(id)",
              disposition: random.next(2) == 0 ? .caught : .propagated)))
      case 8:
        events.append(.loss(Loss(count: 2, thread: random.next(2) == 0 ? nil : 1, parent: id)))
      default:
        events.append(
          random.next(20) == 0 ? .end : .thread(ThreadInfo(id: UInt32(random.next(3)), name: "t")))
      }
    }
    return events
  }

  @Test(arguments: [1, 2, 3, 42, 99] as [UInt64])
  func randomStreamsKeepTheTreeConsistent(seed: UInt64) throws {
    var tree = CallTree()
    var outline = Outline(tree: tree)
    let events = randomEvents(seed: seed, count: 1_500)
    for (i, event) in events.enumerated() {
      tree.append(event)
      if i % 100 == 0 { outline.sync(with: tree) }
    }
    tree.finish()
    outline.sync(with: tree)

    // Links: parents come first, children point back, depth follows the parent.
    var seen = 0
    for node in 0..<tree.count {
      if let parent = tree.parent(of: node) {
        #expect(parent < node)
        #expect(tree.depth(of: node) == tree.depth(of: parent) + 1)
        #expect(tree.children(of: parent).contains(node))
      } else {
        #expect(tree.roots.contains(node))
      }
      seen += tree.children(of: node).count
      #expect(tree.state(of: node) != .running)
      _ = tree.rowText(of: node)
      _ = tree.timing(of: node)
      _ = tree.exceptionChain(of: node)
      _ = tree.previousSibling(of: node)
    }
    #expect(seen + tree.roots.count == tree.count)

    // Rows built incrementally equal rows built at once.
    #expect(outline.visibleNodes == Outline(tree: tree).visibleNodes)
    #expect(outline.rowCount == tree.count)

    // Folding everything and revealing every node keeps rows consistent.
    outline.collapseAll(in: tree)
    for node in stride(from: 0, to: tree.count, by: 7) {
      let revealed = outline.reveal(node, in: tree)
      let row = try #require(revealed)
      #expect(outline.node(atRow: row) == node)
    }
    outline.expandAll(in: tree)
    #expect(outline.rowCount == tree.count)

    for filter in ["f1", "-f2", "err", ">100ns", "depth:2 thread:1", "task:1 <50ns"] {
      outline.setFilter(try FilterQuery(parsing: filter), in: tree)
      for row in 0..<outline.rowCount {
        let node = outline.node(atRow: row)
        if let parent = tree.parent(of: node) { #expect(outline.passesFilter(parent)) }
      }
    }
    outline.setFilter(nil, in: tree)
    let search = try Search("e1", in: tree)
    var hit = search.next(after: nil, in: tree)
    for _ in 0..<search.count { hit = search.next(after: hit?.node, in: tree) }
    #expect(search.count == 0 || hit?.wrapped == true)
    _ = FunctionStats(tree: tree).sortedByTotal
    _ = outline.nextError(after: nil, in: tree)
    _ = outline.previousError(before: nil, in: tree)
    #expect(tree.anomalies > 0)
    #expect(tree.callCount > 200)
  }
}
