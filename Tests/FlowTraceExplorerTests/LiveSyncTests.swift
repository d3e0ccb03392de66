import FlowTraceExplorer
import FlowTraceWire
import Testing

/// Rows kept up to date call by call (several programs and threads streaming, folds made
/// along the way) equal rows built at once from the final tree.
@Suite struct LiveSyncTests {
  struct Stream {
    var script = TraceScript()
    var stacks: [UInt32: [UInt64]] = [:]
    var sent = 0
  }

  @Test(arguments: [(programs: 0, seed: 7), (programs: 2, seed: 11), (programs: 3, seed: 5)])
  func incrementalRowsEqualAFreshBuild(programs: Int, seed: UInt64) {
    var random = RobustnessTests.Random(state: seed)
    var tree = CallTree()
    let ids =
      programs == 0
      ? [0]
      : (0..<programs).map {
        tree.addProgram(ProgramInfo(name: "p\($0)", pid: Int32($0), connectedAt: 0))
      }
    var streams = ids.map { _ in Stream() }
    var outline = Outline(tree: tree)
    var folded: [Int] = []
    for step in 0..<3_000 {
      let p = random.next(streams.count)
      let thread = UInt32(1 + random.next(3))
      let stack = streams[p].stacks[thread] ?? []
      if stack.count < 6 && (stack.isEmpty || random.next(3) != 0) {
        let id = streams[p].script.call(
          "f\(random.next(5))", ["\(step)"], parent: stack.last, thread: thread, at: UInt64(step))
        streams[p].stacks[thread, default: []].append(id)
      } else if let id = stack.last {
        streams[p].script.ret(id, "\(step)", at: UInt64(step))
        streams[p].stacks[thread]?.removeLast()
      }
      if random.next(10) == 0 {
        for k in streams.indices {
          tree.append(contentsOf: streams[k].script.events[streams[k].sent...], from: ids[k])
          streams[k].sent = streams[k].script.events.count
        }
        outline.sync(with: tree)
      }
      if random.next(150) == 0 && outline.rowCount > 0 {
        let node = outline.node(atRow: random.next(outline.rowCount))
        if tree.kind(of: node) == .call {
          outline.collapse(node, in: tree)
          folded.append(node)
        }
      }
    }
    for k in streams.indices {
      tree.append(contentsOf: streams[k].script.events[streams[k].sent...], from: ids[k])
    }
    outline.sync(with: tree)
    var fresh = Outline(tree: tree)
    for node in folded { fresh.collapse(node, in: tree) }
    #expect(tree.callCount > 1_000)
    #expect(!folded.isEmpty)
    #expect(outline.visibleNodes == fresh.visibleNodes)
    // Every node's row (found in its thread's or program's block) is where the rows hold it.
    func checkRows(_ outline: Outline) {
      var rowOf: [Int: Int] = [:]
      for (row, node) in outline.visibleNodes.enumerated() { rowOf[node] = row }
      for node in 0..<tree.count { #expect(outline.row(of: node, in: tree) == rowOf[node]) }
    }
    checkRows(outline)
    var filtered = outline
    filtered.setFilter(try? FilterQuery(parsing: "f1"), in: tree)
    #expect(filtered.rowCount < outline.rowCount)
    checkRows(filtered)
    // And the rows still fold and unfold right after all that.
    outline.expandAll(in: tree)
    #expect(outline.rowCount == tree.count)
  }
}
