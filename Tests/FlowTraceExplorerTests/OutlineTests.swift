import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite struct OutlineTests {
  @Test func startsFullyExpanded() {
    let tree = fibScript().tree()
    let outline = Outline(tree: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ fib(3) → 2
            ▾ fib(2) → 1
                fib(1) → 1
                fib(0) → 0
              fib(1) → 1
        """)
  }

  @Test func foldOneAndToggleBack() {
    let tree = fibScript().tree()
    var outline = Outline(tree: tree)
    let f2 = try! #require(tree.node("fib(2) → 1"))
    outline.collapse(f2, in: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ fib(3) → 2
            ▸ fib(2) → 1
              fib(1) → 1
        """)
    #expect(outline.row(of: f2, in: tree) == 2)
    #expect(outline.row(of: tree.children(of: f2)[0], in: tree) == nil)
    outline.toggle(f2, in: tree)
    #expect(outline.rowCount == 6)
    let f3 = try! #require(tree.node("fib(3) → 2"))
    outline.collapse(f2, in: tree)
    outline.collapse(f3, in: tree)
    #expect(outline.rowCount == 2)
    outline.expand(f3, in: tree)
    // fib(2) keeps its own fold.
    #expect(outline.rowCount == 4)
    #expect(outline.node(atRow: 3) == tree.children(of: f3)[1])
  }

  @Test func expandAllCollapseAllAndToDepth() {
    let tree = fibScript().tree()
    var outline = Outline(tree: tree)
    outline.collapseAll(in: tree)
    #expect(outline.text(tree) == "▸ thread 1 main")
    outline.expand(toDepth: 2, in: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ fib(3) → 2
            ▸ fib(2) → 1
              fib(1) → 1
        """)
    outline.expandAll(in: tree)
    #expect(outline.rowCount == 6)
  }

  @Test func revealUnfoldsAncestors() {
    let tree = fibScript().tree()
    var outline = Outline(tree: tree)
    outline.collapseAll(in: tree)
    let f0 = try! #require(tree.node("fib(0) → 0"))
    let row = outline.reveal(f0, in: tree)
    #expect(row == 4)
    #expect(outline.node(atRow: 4) == f0)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ fib(3) → 2
            ▾ fib(2) → 1
                fib(1) → 1
                fib(0) → 0
              fib(1) → 1
        """)
  }

  @Test func rowsOfInterleavedThreadsAreDepthFirst() {
    var s = TraceScript()
    let a = s.call("a", thread: 1)
    let b = s.call("b", thread: 2)
    s.leaf("a1", nil, nil, parent: a, thread: 1)
    s.leaf("b1", nil, nil, parent: b, thread: 2)
    let tree = s.tree()
    var outline = Outline(tree: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ a()
              a1()
        ▾ thread 2 worker
          ▾ b()
              b1()
        """)
    let b1 = try! #require(tree.node("b1()"))
    #expect(outline.row(of: b1, in: tree) == 5)
    outline.collapse(try! #require(tree.node("a()")), in: tree)
    #expect(outline.row(of: b1, in: tree) == 4)
  }

  @Test func navigation() {
    var s = TraceScript()
    let main = s.call("main", at: 0)
    s.leaf("fast", nil, nil, parent: main, from: 1, to: 2)
    let slow = s.call("slow", parent: main, at: 3)
    let bad = s.call("bad", parent: slow, at: 4)
    s.fail(bad, "E", "E()")
    s.ret(bad, at: 5)
    s.fail(slow, "E", "E()", caught: true)
    s.ret(slow, at: 50)
    s.leaf("mid", nil, nil, parent: main, from: 51, to: 60)
    let tree = s.tree()
    let outline = Outline(tree: tree)
    let mainNode = try! #require(tree.node("main()"))
    let fast = try! #require(tree.node("fast()"))
    let slowNode = try! #require(tree.node("slow()"))
    let badNode = try! #require(tree.node("bad()"))
    let mid = try! #require(tree.node("mid()"))
    #expect(outline.firstChild(of: mainNode, in: tree) == fast)
    #expect(outline.nextSibling(of: fast, in: tree) == slowNode)
    #expect(outline.previousSibling(of: mid, in: tree) == slowNode)
    #expect(outline.parent(of: badNode, in: tree) == slowNode)
    #expect(outline.slowestChild(of: mainNode, in: tree) == slowNode)
    #expect(
      outline.nextError(after: mainNode, in: tree) == NavigationHit(node: slowNode, wrapped: false))
    #expect(
      outline.nextError(after: slowNode, in: tree) == NavigationHit(node: badNode, wrapped: false))
    #expect(outline.nextError(after: mid, in: tree) == NavigationHit(node: slowNode, wrapped: true))
    #expect(
      outline.previousError(before: mid, in: tree) == NavigationHit(node: badNode, wrapped: false))
    #expect(
      outline.previousError(before: fast, in: tree) == NavigationHit(node: badNode, wrapped: true))
  }

  @Test func syncAppendsLiveCallsAndRebuildsWhenNeeded() {
    var tree = CallTree()
    var s = TraceScript()
    let main = s.call("main", at: 0)
    tree.append(contentsOf: s.events)
    var outline = Outline(tree: tree)
    #expect(outline.rowCount == 2)
    let start = s.events.count
    s.leaf("f", ["1"], "1", parent: main, from: 1, to: 2)
    let g = s.call("g", parent: main, at: 3)
    tree.append(contentsOf: s.events[start...])
    outline.sync(with: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ main()
              f(1) → 1
              g()
        """)
    // A second thread, then a call back on thread 1: lands in the middle.
    let mark = s.events.count
    s.leaf("w", nil, nil, parent: nil, thread: 2)
    s.leaf("h", nil, nil, parent: g, thread: 1)
    tree.append(contentsOf: s.events[mark...])
    outline.sync(with: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ main()
              f(1) → 1
            ▾ g()
                h()
        ▾ thread 2 worker
            w()
        """)
    // Calls under a folded node stay hidden.
    outline.collapse(try! #require(tree.node("g()")), in: tree)
    let mark2 = s.events.count
    s.leaf("i", nil, nil, parent: g, thread: 1)
    tree.append(contentsOf: s.events[mark2...])
    outline.sync(with: tree)
    #expect(outline.rowCount == 6)
  }

  @Test func liveProgramsGrowInTheirOwnSubtrees() {
    var tree = CallTree()
    let a = tree.addProgram(ProgramInfo(name: "a", pid: 1, connectedAt: 0))
    let b = tree.addProgram(ProgramInfo(name: "b", pid: 2, connectedAt: 0))
    var sa = TraceScript()
    var sb = TraceScript()
    let mainA = sa.call("main")
    let mainB = sb.call("serve")
    tree.append(contentsOf: sa.events, from: a)
    tree.append(contentsOf: sb.events, from: b)
    var outline = Outline(tree: tree)
    var mark = (sa.events.count, sb.events.count)
    sa.leaf("stepA", nil, nil, parent: mainA)
    sb.leaf("stepB", nil, nil, parent: mainB)
    tree.append(contentsOf: sa.events[mark.0...], from: a)
    tree.append(contentsOf: sb.events[mark.1...], from: b)
    outline.sync(with: tree)
    mark = (sa.events.count, sb.events.count)
    sb.leaf("stepB2", nil, nil, parent: mainB)
    tree.append(contentsOf: sb.events[mark.1...], from: b)
    outline.sync(with: tree)
    tree.disconnect(program: a)
    #expect(
      outline.text(tree) == """
        ▾ a [pid 1]
          ▾ thread 1 main
            ▾ main()
                stepA()
        ▾ b [pid 2]
          ▾ thread 1 main
            ▾ serve()
                stepB()
                stepB2()
        """)
    #expect(tree.state(of: tree.node("main()") ?? 0) == .unfinished)
    #expect(tree.state(of: tree.node("serve()") ?? 0) == .running)
  }
}
