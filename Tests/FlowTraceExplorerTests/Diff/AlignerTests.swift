import FlowTraceExplorer
import FlowTraceWire
import Testing

/// The aligner on the cases the issue names: each test writes the expected merged lines.
@Suite struct AlignerTests {
  static let batch = [
    TestCall("parse", ["\"1\""], "1"), TestCall("parse", ["\"2\""], "2"),
    TestCall("parse", ["\"3\""], "3"),
  ]

  @Test func identicalRunsDifferingInTimingAndIdsHaveNoDifference() {
    let a = DiffProgram(threads: [
      ("main", [TestCall("run", [], "6", Self.batch)]), ("io", [TestCall("flush")]),
    ])
    var b = a
    b.timeShift = 12_345
    b.idShift = 7
    let report = TreeDiff.compare(a.tree(), b.tree())
    #expect(!report.hasDifferences)
    #expect(report.entries.isEmpty)
    #expect(report.identicalCalls == 5)
    #expect(report.summary == "no differences (5 identical calls)")
  }

  @Test func insertedCallIsOneAddedLine() {
    let a = DiffProgram.main([TestCall("run", [], "6", Self.batch)])
    var calls = Self.batch
    calls.insert(TestCall("log", ["\"x\""]), at: 1)
    let b = DiffProgram.main([TestCall("run", [], "6", calls)])
    #expect(
      diffText(a, b) == """
        thread main
          ~ run() → 6
            … 1 identical call
            + log("x")
            … 2 identical calls
        """)
  }

  @Test func removedCallIsOneRemovedLine() {
    let a = DiffProgram.main([TestCall("run", [], "6", Self.batch)])
    let b = DiffProgram.main([TestCall("run", [], "6", Array(Self.batch.dropLast()))])
    #expect(
      diffText(a, b) == """
        thread main
          ~ run() → 6
            … 2 identical calls
            - parse("3") → 3
        """)
  }

  @Test func changedResultShowsBothValues() {
    let a = DiffProgram.main([TestCall("parse", ["\"x1\""], "3")])
    let b = DiffProgram.main([TestCall("parse", ["\"x1\""], "4")])
    #expect(diffText(a, b) == "thread main\n  ~ parse(\"x1\") → 3  ⇢  → 4")
    #expect(diffFirst(a, b) == diffText(a, b))
  }

  @Test func changedArgumentsPairByFunction() {
    let a = DiffProgram.main([TestCall("run", [], nil, Self.batch)])
    var calls = Self.batch
    calls[1] = TestCall("parse", ["\"two\""], "2")
    let b = DiffProgram.main([TestCall("run", [], nil, calls)])
    #expect(
      diffText(a, b) == """
        thread main
          ~ run()
            … 1 identical call
            ~ parse("2") → 2  ⇢  parse("two") → 2
            … 1 identical call
        """)
  }

  @Test func reorderedThreadsArePairedByName() {
    let threads: [(name: String, roots: [TestCall])] = [
      ("main", [TestCall("run", [], "1")]), ("worker-1", [TestCall("work", ["1"], "5")]),
      ("worker-2", [TestCall("work", ["2"], "13")]),
    ]
    let a = DiffProgram(threads: threads)
    var b = DiffProgram(threads: threads, order: [2, 0, 1])
    b.idShift = 3
    #expect(!TreeDiff.compare(a.tree(), b.tree()).hasDifferences)
    // A real change on one worker is found on that worker.
    var changed = threads
    changed[2].roots = [TestCall("work", ["2"], "14")]
    let c = DiffProgram(threads: changed, order: [2, 1, 0])
    #expect(diffText(a, c) == "… 2 identical calls\nthread worker-2\n  ~ work(2) → 13  ⇢  → 14")
  }

  @Test func longerLoopIsOneAddedIteration() {
    let adds = [
      TestCall("add", ["0", "3"], "3"), TestCall("add", ["3", "3"], "6"),
      TestCall("add", ["6", "3"], "9"),
    ]
    let a = DiffProgram.main([TestCall("multiply", ["3", "3"], "9", adds)])
    let b = DiffProgram.main([
      TestCall("multiply", ["3", "4"], "12", adds + [TestCall("add", ["9", "3"], "12")])
    ])
    #expect(
      diffText(a, b) == """
        thread main
          ~ multiply(3, 3) → 9  ⇢  multiply(3, 4) → 12
            … 3 identical calls
            + add(9, 3) → 12
        """)
    // The same loop repeating equal calls: still one added, at the end.
    let same = Array(repeating: TestCall("tick", [], "0"), count: 4)
    let five = DiffProgram.main([TestCall("loop", [], nil, same + [TestCall("tick", [], "0")])])
    #expect(
      diffText(DiffProgram.main([TestCall("loop", [], nil, same)]), five) == """
        thread main
          ~ loop()
            … 4 identical calls
            + tick() → 0
        """)
  }

  @Test func errorAddedIsAChange() {
    let a = DiffProgram.main([TestCall("load", ["1"], "1")])
    let b = DiffProgram.main([
      TestCall("load", ["1"], nil, error: ("IOError", "IOError.closed", false))
    ])
    let report = TreeDiff.compare(a.tree(), b.tree())
    #expect(report.entries.count == 2)
    #expect(report.entries[1].changes == [.result, .error, .state])
    #expect(
      report.line(1)
        == "  ~ load(1) → 1  ⇢  → (no result) ↯ IOError.closed [propagated]")
  }

  @Test func errorCaughtBecomingPropagatedIsAChange() {
    let boom = TestCall("boom", ["1"], nil, error: ("BadInput", "BadInput(value: 1)", false))
    let a = DiffProgram.main([
      TestCall(
        "catcher", ["1"], "\"recovered\"", error: ("BadInput", "BadInput(value: 1)", true), [boom])
    ])
    let b = DiffProgram.main([
      TestCall("catcher", ["1"], nil, error: ("BadInput", "BadInput(value: 1)", false), [boom])
    ])
    let report = TreeDiff.compare(a.tree(), b.tree())
    #expect(report.first == 1)
    #expect(report.entries[1].changes.contains(.error))
    #expect(
      report.lines().joined(separator: "\n") == """
        thread main
          ~ catcher(1) → "recovered" ↯ BadInput(value: 1) [caught]  ⇢  → (no result) ↯ BadInput(value: 1) [propagated]
            … 1 identical call
        """)
  }
}
