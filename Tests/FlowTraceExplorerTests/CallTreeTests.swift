import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite struct CallTreeTests {
  @Test func buildsStructureWithOneRootPerThread() {
    var s = fibScript()
    s.leaf("work", nil, nil, parent: nil, thread: 2)
    let tree = s.tree()
    #expect(tree.callCount == 6)
    #expect(tree.roots.map { tree.rowText(of: $0) } == ["thread 1 main", "thread 2 worker"])
    let f3 = try! #require(tree.node("fib(3)"))
    #expect(tree.parent(of: f3) == tree.roots[0])
    #expect(tree.depth(of: f3) == 1)
    #expect(tree.children(of: f3).map { tree.rowText(of: $0) } == ["fib(2) → 1", "fib(1) → 1"])
    let f2 = tree.children(of: f3)[0]
    let f1 = tree.children(of: f3)[1]
    #expect(tree.nextSibling(of: f2) == f1)
    #expect(tree.previousSibling(of: f1) == f2)
    #expect(tree.previousSibling(of: f2) == nil)
    #expect(tree.lastChild(of: f3) == f1)
    #expect(tree.depth(of: tree.children(of: f2)[1]) == 3)
    #expect(
      tree.breadcrumb(of: tree.children(of: f2)[1]) == ["thread 1 main", "fib", "fib", "fib"])
    #expect(tree.isPreorder)
  }

  @Test func interleavedThreadsKeepEachSubtreeIntact() {
    var s = TraceScript()
    let a = s.call("a", thread: 1)
    let b = s.call("b", thread: 2)
    s.leaf("a1", nil, nil, parent: a, thread: 1)
    s.leaf("b1", nil, nil, parent: b, thread: 2)
    s.leaf("a2", nil, nil, parent: a, thread: 1)
    s.ret(a)
    s.ret(b)
    let tree = s.tree()
    #expect(!tree.isPreorder)
    let aNode = try! #require(tree.node("a()"))
    #expect(tree.children(of: aNode).map { tree.rowText(of: $0) } == ["a1()", "a2()"])
    let a2 = try! #require(tree.node("a2()"))
    #expect(tree.rowText(of: try! #require(tree.previousSibling(of: a2))) == "a1()")
    let b1 = try! #require(tree.node("b1()"))
    #expect(tree.precedes(a2, b1))
    #expect(!tree.precedes(b1, a2))
    #expect(tree.precedes(aNode, a2))
  }

  @Test func rowTextReadsLikeTheCallSite() {
    var s = TraceScript()
    s.leaf("fib", ["3"], "2", parent: nil)
    let b = s.call("b", ["10"], labels: ["y"])
    s.ret(b)
    let add = s.call("Calc.add", ["3", "3"], labels: ["_", "_"])
    s.ret(add, "6")
    s.leaf("noArgs", nil, nil, parent: nil)
    let tree = s.tree()
    #expect(tree.node("fib(3) → 2") != nil)
    #expect(tree.node("b(y: 10)") != nil)
    #expect(tree.node("Calc.add(3, 3) → 6") != nil)
    #expect(tree.node("noArgs()") != nil)
    let bNode = try! #require(tree.node("b(y: 10)"))
    #expect(tree.labelledArguments(of: bNode)?.map { "\($0.label)=\($0.value)" } == ["y=10"])
    #expect(tree.arguments(of: try! #require(tree.node("noArgs()"))) == nil)
  }

  @Test func statesRunningReturnedThrewUnfinished() {
    var s = TraceScript()
    let main = s.call("main", at: 0)
    let bad = s.call("parse", ["\"x\""], parent: main, at: 1)
    s.fail(bad, "BadInput", "BadInput(value: x)")
    s.ret(bad, at: 5)
    s.fail(main, "BadInput", "BadInput(value: x)", caught: true)
    let open = s.call("loop", parent: main, at: 6)
    var tree = s.tree()
    let mainNode = try! #require(tree.node("main()"))
    let parse = try! #require(tree.node("parse(\"x\")"))
    let loop = try! #require(tree.node("loop()"))
    #expect(tree.state(of: parse) == .threw)
    #expect(tree.error(of: parse)?.disposition == .propagated)
    #expect(tree.error(of: mainNode)?.disposition == .caught)
    #expect(tree.state(of: mainNode) == .running)
    #expect(tree.state(of: loop) == .running)
    #expect(tree.elapsed(of: loop) == 0)
    #expect(tree.duration(of: parse) == 4)
    _ = open
    tree.disconnect(program: 0)
    #expect(tree.state(of: loop) == .unfinished)
    #expect(tree.state(of: mainNode) == .unfinished)
    #expect(tree.program(0).state == .disconnected)
  }

  @Test func lossMarkersSitWhereEventsWereLost() {
    var s = TraceScript()
    let main = s.call("main")
    s.events.append(.loss(Loss(count: 12, thread: 1, parent: main)))
    s.events.append(.loss(Loss(count: 1, thread: 3, parent: nil)))
    let tree = s.tree()
    let mainNode = try! #require(tree.node("main()"))
    let marker = try! #require(tree.children(of: mainNode).first)
    #expect(tree.kind(of: marker) == .loss)
    #expect(tree.rowText(of: marker) == "⚠ 12 events lost")
    #expect(tree.roots.map { tree.rowText(of: $0) } == ["thread 1 main", "thread 3"])
    #expect(tree.rowText(of: tree.children(of: tree.roots[1])[0]) == "⚠ 1 event lost")
    #expect(tree.program(0).lost == 13)
    #expect(tree.callCount == 1)
  }

  @Test func malformedEventsAreCountedNotFatal() {
    var tree = CallTree()
    tree.append(.return(CallEnd(id: 99, timestamp: 5, result: "x")))  // unknown id
    tree.append(.error(CallError(id: 98, type: "E", description: "", disposition: .caught)))
    tree.append(  // unknown site and unknown parent
      .call(
        CallStart(
          id: 1, parent: 77, site: 5, thread: 4, task: 0, flags: [.args], timestamp: 10,
          args: ["1"])))
    tree.append(.return(CallEnd(id: 1, timestamp: 3, result: nil)))  // ends before it started
    tree.append(.return(CallEnd(id: 1, timestamp: 30, result: nil)))  // twice
    tree.append(  // child of a call that already returned
      .call(
        CallStart(
          id: 2, parent: 1, site: 5, thread: 4, task: 0, flags: [], timestamp: nil, args: nil)))
    tree.append(.loss(Loss(count: .max, thread: nil, parent: nil)))
    tree.append(.loss(Loss(count: .max, thread: nil, parent: nil)))  // saturates, no trap
    tree.append(.callSite(CallSite(id: .max, qualifiedName: "huge", labels: [], file: "", line: 0)))
    tree.append(
      .call(
        CallStart(
          id: 3, parent: nil, site: .max, thread: .max, task: .max, flags: [], timestamp: .max,
          args: nil)))
    #expect(tree.node("huge()") != nil)
    #expect(tree.anomalies == 6)
    #expect(tree.callCount == 3)
    #expect(tree.program(0).lost == .max)
    let first = try! #require(tree.node("site#5(1)"))
    #expect(tree.duration(of: first) == 0)
    #expect(tree.parent(of: first) == tree.roots[0])
  }

  @Test func livePrograms() {
    var tree = CallTree()
    let a = tree.addProgram(ProgramInfo(name: "a", pid: 10, connectedAt: 1))
    let b = tree.addProgram(ProgramInfo(name: "b", pid: 20, connectedAt: 2))
    var sa = TraceScript()
    let mainA = sa.call("main")
    sa.leaf("f", nil, nil, parent: mainA)
    var sb = TraceScript()
    sb.call("serve")
    tree.append(contentsOf: sa.events, from: a)
    tree.append(contentsOf: sb.events, from: b)
    tree.append(.end, from: a)
    tree.disconnect(program: b)
    #expect(tree.roots.map { tree.rowText(of: $0) } == ["a [pid 10]", "b [pid 20]"])
    #expect(tree.program(a).state == .exited)
    #expect(tree.program(b).state == .disconnected)
    #expect(tree.program(a).events == sa.events.count + 1)
    let serve = try! #require(tree.node("serve()"))
    #expect(tree.state(of: serve) == .unfinished)
    #expect(tree.depth(of: serve) == 2)
    #expect(tree.program(of: serve) == b)
    // Ids are per program: both programs' call 1 exist.
    #expect(tree.callCount == 3)
  }
}
