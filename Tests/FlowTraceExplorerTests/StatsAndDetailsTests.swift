import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite struct StatsAndDetailsTests {
  @Test func functionStats() throws {
    let tree = fibScript().tree()
    let stats = FunctionStats(tree: tree)
    let fib = try #require(stats.sortedByTotal.first)
    #expect(fib.name == "fib")
    #expect(fib.calls == 5 && fib.timedCalls == 5)
    // 40 + 23 + 10 + 10 + 10.
    #expect(fib.total == 93)
    #expect(fib.selfTime == 40)  // everything but nothing: the outermost call's span
    #expect(fib.min == 10 && fib.max == 40 && fib.average == 18)
  }

  @Test func statsMergedAcrossPrograms() throws {
    var tree = CallTree()
    let a = tree.addProgram(ProgramInfo(name: "a", pid: 1, connectedAt: 0))
    let b = tree.addProgram(ProgramInfo(name: "b", pid: 2, connectedAt: 0))
    tree.append(contentsOf: fibScript().events, from: a)
    var slow = TraceScript()
    slow.leaf("fib", ["9"], "34", parent: nil, from: 0, to: 500)
    slow.leaf("fib", ["0"], "0", parent: nil, from: 600, to: 605)
    tree.append(contentsOf: slow.events, from: b)
    let stats = FunctionStats(tree: tree)
    #expect(stats.sortedByTotal.count == 2)
    let fib = try #require(stats.mergedByName.first)
    #expect(stats.mergedByName.count == 1)
    #expect(fib.calls == 7 && fib.timedCalls == 7)
    #expect(fib.total == 93 + 505)
    #expect(fib.min == 5 && fib.max == 500)
  }

  @Test func timingOfACall() throws {
    let tree = fibScript().tree()
    let f2 = try #require(tree.node("fib(2) → 1"))
    let timing = try #require(tree.timing(of: f2))
    #expect(timing.startOffset == 1)
    #expect(timing.duration == 23)
    #expect(timing.selfTime == 3)
    #expect(timing.shareOfParent == 23.0 / 40.0)
    #expect(timing.shareOfTotal == 23.0 / 40.0)
    #expect(!timing.isRunning)
    let f3 = try #require(tree.node("fib(3) → 2"))
    #expect(tree.slowestChild(of: f3) == f2)
    #expect(tree.siteLocation(try #require(tree.site(of: f3))) == ("Demo.swift", 10))
    #expect(tree.sourceLocation(of: f3)?.line == 10)
    #expect(tree.sourceLocation(of: tree.roots[0]) == nil)
  }

  @Test func exceptionChain() throws {
    var s = TraceScript()
    let main = s.call("main")
    let load = s.call("load", parent: main)
    let read = s.call("read", parent: load)
    s.leaf("open", nil, nil, parent: read)
    let parse = s.call("parse", parent: read)
    s.fail(parse, "E", "E()")
    s.ret(parse)
    s.fail(read, "E", "E()")
    s.ret(read)
    s.fail(load, "E", "E()")
    s.ret(load)
    s.fail(main, "E", "E()", caught: true)
    s.ret(main)
    let tree = s.tree()
    let names = { (steps: [ExceptionStep]) in
      steps.map { "\($0.role) \(tree.name(of: $0.node))" }
    }
    let expected = [
      "thrownIn parse", "propagatedThrough read", "propagatedThrough load", "caughtIn main",
    ]
    #expect(names(tree.exceptionChain(of: try #require(tree.node("main()")))) == expected)
    #expect(names(tree.exceptionChain(of: try #require(tree.node("read()")))) == expected)
    #expect(tree.exceptionChain(of: try #require(tree.node("open()"))).isEmpty)
  }
}
