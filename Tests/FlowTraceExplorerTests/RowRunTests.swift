import Testing

@testable import FlowTraceExplorer

/// The row list's runs: rows that are consecutive nodes (a thread's calls, an unfolded subtree)
/// are kept as runs, and whatever edits mix runs with scattered rows, the list reads as a plain
/// array and costs no more than one.
@Suite struct RowRunTests {
  typealias Rng = LinkColumnTests.Rng

  /// Nodes as an outline shows them: a long run, a short streak, or scattered nodes.
  static func nodes(_ rng: inout Rng, from base: inout UInt32) -> [UInt32] {
    let nodes: [UInt32]
    switch rng.below(4) {
    case 0: nodes = Array(base..<base + UInt32(1 + rng.below(5_000)))
    case 1: nodes = Array(base..<base + UInt32(1 + rng.below(RowList.minRun + 2)))
    default: nodes = (0..<(1 + rng.below(300))).map { base + UInt32($0 * (2 + $0 % 5)) }
    }
    base = nodes.last! + 1 + UInt32(rng.below(3))
    return nodes
  }

  @Test func runsAndListsReadAsAPlainArrayThroughRandomEdits() {
    var rng = Rng(state: 17)
    var rows = RowList()
    var plain: [UInt32] = []
    var base: UInt32 = 0
    for step in 0..<600 {
      let nodes = Self.nodes(&rng, from: &base)
      switch rng.below(6) {
      case 0, 1:
        for node in nodes { rows.append(node) }
        plain.append(contentsOf: nodes)
      case 2:
        let at = rng.below(plain.count + 1)
        rows.insert(contentsOf: nodes, at: at)
        plain.insert(contentsOf: nodes, at: at)
      case 3 where !plain.isEmpty:
        let lower = rng.below(plain.count)
        let upper = min(plain.count, lower + 1 + rng.below(rng.below(4) == 0 ? 20_000 : 40))
        rows.removeSubrange(lower..<upper)
        plain.removeSubrange(lower..<upper)
      case 4:
        // A thread's new calls at the end of its block: they continue its last run.
        let at = rng.below(plain.count + 1)
        let last = at > 0 ? plain[at - 1] : 0
        let more = Array(last + 1..<last + 1 + UInt32(1 + rng.below(200)))
        if rng.below(2) == 0 {
          rows.insert(blocks: [(at, more)])
        } else {
          rows.insert(blocks: [(at: at, rows: RowList(more))])
        }
        plain.insert(contentsOf: more, at: at)
      default:
        rows.insert(blocks: [(0, nodes), (plain.count, [base])])
        plain.insert(base, at: plain.count)
        plain.insert(contentsOf: nodes, at: 0)
        base += 1
      }
      #expect(rows.count == plain.count)
      if step % 50 == 49 { expectReadsAs(plain) { rows[$0] } }
    }
    expectReadsAs(plain) { rows[$0] }
    var copied: [UInt32] = []
    rows.copy(0..<rows.count, to: &copied)
    #expect(copied == plain)
    for probe in stride(from: 0, to: plain.count, by: 331) {
      let window = max(0, probe - 500)..<min(plain.count, probe + 500)
      #expect(
        rows.firstIndex(of: plain[probe], in: window) == plain[window].firstIndex(of: plain[probe]))
      var part: [UInt32] = []
      rows.copy(window, to: &part)
      #expect(part == Array(plain[window]))
    }
    // With runs among the lists, less than a plain array (4 bytes a row) and a little room.
    #expect(rows.byteCount <= plain.count * 4 + 64 * 1024)
  }

  @Test func interleavedThreadBlocksCostAlmostNothing() {
    // Four threads taking turns in bursts of 2,000 calls, unfolded: each thread's block of
    // rows is its bursts in order, each burst one run.
    var blocks: [[UInt32]] = Array(repeating: [], count: 4)
    for burst in 0..<200 {
      blocks[burst % 4].append(contentsOf: UInt32(burst * 2_000)..<UInt32(burst * 2_000 + 2_000))
    }
    var rows = RowList()
    for block in blocks { rows.append(contentsOf: block) }
    let plain = blocks.flatMap { $0 }
    expectReadsAs(plain) { rows[$0] }
    #expect(rows.pieces.count == 200)
    #expect(rows.byteCount < plain.count / 50)
    // Folding one call splits its run; unfolding it joins the run again.
    let row = 123_456
    rows.removeSubrange(row + 1..<row + 40)
    rows.insert(contentsOf: Array(plain[row + 1..<row + 40]), at: row + 1)
    expectReadsAs(plain) { rows[$0] }
    #expect(rows.pieces.count == 200)
  }
}

/// The outline of threads taking turns, streamed in and synced slice by slice as the explorer
/// reads a file: the same rows as an outline built at the end, kept as runs.
@Suite struct InterleavedOutlineTests {
  @Test func threadsTakingTurnsKeepTheirRowsAsRuns() {
    var script = TraceScript()
    let mains = (1...4).map { script.call("main", thread: UInt32($0)) }
    for burst in 0..<40 {
      let thread = UInt32(burst % 4 + 1)
      let run = script.call("run", parent: mains[burst % 4], thread: thread)
      for _ in 0..<150 { script.leaf("fib", parent: run, thread: thread) }
      script.ret(run)
    }
    var tree = CallTree()
    var outline = Outline(tree: tree)
    var start = 0
    while start < script.events.count {
      let end = min(script.events.count, start + 700)
      tree.append(contentsOf: Array(script.events[start..<end]))
      outline.sync(with: tree)
      start = end
    }
    #expect(!tree.isPreorder)
    #expect(outline.visibleNodes == Outline(tree: tree).visibleNodes)
    // A run per burst (its `run` call and leaves), a list per thread's first rows; a tenth of
    // 4 bytes a row.
    #expect(outline.rows.pieces.count <= 40 + 4)
    #expect(outline.rows.byteCount * 10 < outline.rowCount * 4)
  }
}
