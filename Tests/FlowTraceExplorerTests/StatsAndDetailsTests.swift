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
