import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite struct FilterTests {
  /// main ─ parse ─ token (slow) ; main ─ fib(2) ─ fib(1), fib(0); worker thread: io (throws).
  func sample() -> CallTree {
    var s = TraceScript()
    let main = s.call("main", at: 0)
    let parse = s.call("Parser.parse", parent: main, at: 10)
    s.leaf("Parser.token", nil, nil, parent: parse, from: 11, to: 5_000_011)
    s.ret(parse, at: 5_000_020)
    let fib = s.call("fib", ["2"], parent: main, at: 5_000_030)
    s.leaf("fib", ["1"], "1", parent: fib, from: 5_000_031, to: 5_000_035)
    s.leaf("fib", ["0"], "0", parent: fib, from: 5_000_036, to: 5_000_040)
    s.ret(fib, "1", at: 5_000_050)
    s.ret(main, at: 6_000_000)
    let io = s.call("io", thread: 2, task: 7, at: 100)
    s.fail(io, "IOError", "IOError()")
    s.ret(io, at: 200)
    return s.tree()
  }

  func shown(_ filter: String, _ tree: CallTree) throws -> String {
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: filter), in: tree)
    return outline.text(tree)
  }

  @Test func nameGlobKeepsAncestors() throws {
    let tree = sample()
    #expect(
      try shown("token", tree) == """
        ▾ thread 1 main
          ▾ main()
            ▾ Parser.parse()
                Parser.token()
        """)
    #expect(
      try shown("Parser.*", tree) == """
        ▾ thread 1 main
          ▾ main()
            ▾ Parser.parse()
                Parser.token()
        """)
  }

  @Test func exclusionHidesSubtrees() throws {
    let tree = sample()
    #expect(
      try shown("-fib -io", tree) == """
        ▾ thread 1 main
          ▾ main()
            ▾ Parser.parse()
                Parser.token()
        """)
  }

  @Test func durationTerms() throws {
    let tree = sample()
    #expect(
      try shown(">1ms", tree) == """
        ▾ thread 1 main
          ▾ main()
            ▾ Parser.parse()
                Parser.token()
        """)
    #expect(
      try shown("<10ns", tree) == """
        ▾ thread 1 main
          ▾ main()
            ▾ fib(2) → 1
                fib(1) → 1
                fib(0) → 0
        """)
    #expect(try shown(">1ms <2ms", tree) == "")
  }

  @Test func errorThreadTaskDepth() throws {
    let tree = sample()
    let io = """
      ▾ thread 2 worker
          io()
      """
    #expect(try shown("err", tree) == io)
    #expect(try shown("thread:2", tree) == io)
    #expect(try shown("task:7", tree) == io)
    #expect(
      try shown("depth:1", tree) == """
        ▾ thread 1 main
            main()
        ▾ thread 2 worker
            io()
        """)
    #expect(try shown("fib depth:2", tree).split(separator: "\n").count == 3)
  }

  @Test func countsAndClearing() throws {
    let tree = sample()
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: "fib"), in: tree)
    #expect(outline.filterCounts(in: tree) == (visible: 4, total: 7))
    #expect(outline.filter?.source == "fib")
    outline.setFilter(try FilterQuery(parsing: "  "), in: tree)
    #expect(outline.filter == nil)
    #expect(outline.rowCount == 9)
  }

  @Test func filteredNavigationSkipsHiddenSiblings() throws {
    let tree = sample()
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: "-Parser.parse"), in: tree)
    let main = try #require(tree.node("main()"))
    #expect(outline.firstChild(of: main, in: tree) == tree.node("fib(2) → 1"))
    #expect(outline.previousSibling(of: try #require(tree.node("fib(2) → 1")), in: tree) == nil)
  }

  @Test func incrementalWithLiveCalls() throws {
    var s = TraceScript()
    let main = s.call("main")
    var tree = s.tree()
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: "fib"), in: tree)
    #expect(outline.rowCount == 0)
    let mark = s.events.count
    s.leaf("other", nil, nil, parent: main)
    s.leaf("fib", ["5"], "5", parent: main)
    tree.append(contentsOf: s.events[mark...])
    outline.sync(with: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ main()
              fib(5) → 5
        """)
  }

  @Test func parseErrorsCarryTheColumn() {
    func failure(_ text: String) -> FilterParseError? {
      do {
        _ = try FilterQuery(parsing: text)
        return nil
      } catch { return error }
    }
    #expect(failure("fib >1xs")?.column == 7)
    #expect(failure("fib >1xs")?.kind == .unknownUnit("xs"))
    #expect(failure(">ms")?.kind == .badDuration)
    #expect(failure("<10")?.kind == .missingUnit)
    #expect(failure("a  depth:x")?.column == 10)
    #expect(failure("colour:red")?.kind == .unknownKey("colour"))
    #expect(failure("fib -")?.kind == .emptyExclusion)
    #expect(failure("fib -")?.description == "column 5: '-' needs a name pattern after it in '-'")
    #expect(failure("fib -parse* >1.5ms <10us err depth:5 thread:3 task:2") == nil)
    #expect(
      (try? FilterQuery(parsing: ">1.5ms <10us"))?.terms == [
        .longerThan(1_500_000), .shorterThan(10_000),
      ])
  }

  @Test func runningCallsShowOnceTheyQualify() throws {
    var s = TraceScript()
    let main = s.call("main", at: 0)
    let slow = s.call("slow", parent: main, at: 10)
    var tree = s.tree()
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: "slow >1ms"), in: tree)
    #expect(outline.rowCount == 0)
    // It ends after 2 ms: the next sync shows it.
    let mark = s.events.count
    s.ret(slow, at: 2_000_010)
    tree.append(contentsOf: s.events[mark...])
    outline.sync(with: tree)
    #expect(
      outline.text(tree) == """
        ▾ thread 1 main
          ▾ main()
              slow()
        """)
    #expect(outline.filterCounts(in: tree) == (visible: 2, total: 2))
    // An error that arrives later makes a running call pass `err`.
    outline.setFilter(try FilterQuery(parsing: "err"), in: tree)
    #expect(outline.rowCount == 0)
    let mark2 = s.events.count
    s.fail(main, "E", "E()", caught: true)
    tree.append(contentsOf: s.events[mark2...])
    outline.sync(with: tree)
    #expect(outline.rowCount == 2)
  }
}
