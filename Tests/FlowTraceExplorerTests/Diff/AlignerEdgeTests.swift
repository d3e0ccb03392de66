import FlowTraceExplorer
import FlowTraceText
import FlowTraceWire
import Testing

/// The aligner on damaged traces, tasks and the options.
@Suite struct AlignerEdgeTests {
  static let program = DiffProgram.main([
    TestCall(
      "run", [], "3",
      [
        TestCall("step", ["1"], "1", [TestCall("leaf", ["1"], "1")]),
        TestCall("step", ["2"], "2", [TestCall("leaf", ["2"], "2")]),
      ])
  ])

  @Test func cutTraceOnOneSide() {
    let events = Self.program.events()
    // B stops in the middle of step(2): after its call, before its leaf.
    let cut = events.firstIndex {
      if case .call(let start) = $0, start.args == ["2"] { return true }
      return false
    }
    #expect(cut != nil)
    var b = CallTree()
    b.append(contentsOf: events[...(cut ?? 0)])
    b.finish()
    let report = TreeDiff.compare(Self.program.tree(), b)
    #expect(
      report.lines().joined(separator: "\n") == """
        thread main
          ~ run() → 3  ⇢  → (no result) (unfinished)
            … 2 identical calls
            ~ step(2) → 2  ⇢  → (no result) (unfinished)
              - leaf(2) → 2
        """)
    // In execution order the missing leaf comes first.
    #expect(report.firstDifferenceLines().last == "      - leaf(2) → 2")
  }

  @Test func lossRecordOnOneSide() {
    var events = Self.program.events()
    let end = events.lastIndex {
      if case .return = $0 { return true }
      return false
    }
    events.insert(.loss(Loss(count: 12, thread: 1, parent: 1)), at: end ?? 0)
    var b = CallTree()
    b.append(contentsOf: events)
    b.finish()
    let report = TreeDiff.compare(Self.program.tree(), b)
    #expect(
      report.lines().joined(separator: "\n") == """
        thread main
          ~ run() → 3
            … 4 identical calls
            + ⚠ 12 events lost
        """)
  }

  @Test func childTasksArePairedByTheirCallNotTheirOrder() {
    let children = (1...4).map { TestCall("child", ["\($0)"], "\($0 * $0)", inTask: true) }
    let a = DiffProgram.main([TestCall("fanOut", ["4"], "30", children)])
    let b = DiffProgram.main([TestCall("fanOut", ["4"], "30", children.reversed())])
    #expect(!TreeDiff.compare(a.tree(), b.tree()).hasDifferences)
    var changed = Array(children.reversed())
    changed[1] = TestCall("child", ["3"], "10", inTask: true)
    let c = DiffProgram.main([TestCall("fanOut", ["4"], "30", changed)])
    #expect(
      diffText(a, c) == """
        thread main
          ~ fanOut(4) → 30
            … 2 identical calls
            ~ child(3) → 9  ⇢  → 10
            … 1 identical call
        """)
  }

  @Test func ignoredArgumentsAndMaskedResults() throws {
    let a = DiffProgram.main([
      TestCall("session", ["id: 17"], "Session(0x7f00a0)"), TestCall("now", [], "1733"),
    ])
    let b = DiffProgram.main([
      TestCall("session", ["id: 99"], "Session(0x7f99b8)"), TestCall("now", [], "1999"),
    ])
    #expect(TreeDiff.compare(a.tree(), b.tree()).counts.changed == 2)
    var options = DiffOptions()
    options.ignoreArgs = [try DiffPattern("session")]
    options.ignoreResults = [try DiffPattern("re:0x[0-9a-f]+"), try DiffPattern("now")]
    #expect(!TreeDiff.compare(a.tree(), b.tree(), options: options).hasDifferences)
    // A mask hides only what it matches.
    options.ignoreResults = [try DiffPattern("re:0x[0-9a-f]+")]
    #expect(
      diffText(a, b, options: options)
        == "thread main\n  … 1 identical call\n  ~ now() → 1733  ⇢  → 1999")
    #expect(throws: DiffPatternError.self) { try DiffPattern("re:(") }
  }

  @Test func includeAndExcludeLiftCallees() {
    let a = DiffProgram.main([
      TestCall("run", [], nil, [TestCall("wrap", ["1"], nil, [TestCall("leaf", ["1"], "1")])])
    ])
    let b = DiffProgram.main([
      TestCall("run", [], nil, [TestCall("wrap", ["2"], nil, [TestCall("leaf", ["1"], "1")])])
    ])
    #expect(TreeDiff.compare(a.tree(), b.tree()).hasDifferences)
    var options = DiffOptions()
    options.exclude = [Glob("wrap")]
    #expect(!TreeDiff.compare(a.tree(), b.tree(), options: options).hasDifferences)
    options = DiffOptions()
    options.include = [Glob("leaf")]
    let report = TreeDiff.compare(a.tree(), b.tree(), options: options)
    #expect(!report.hasDifferences)
    #expect(report.identicalCalls == 1)
  }

  @Test func timingOnlyWhenAsked() {
    var a = CallTree()
    var b = CallTree()
    for (tree, end) in [(0, UInt64(1_000)), (1, 50_000)] {
      var s = TraceScript()
      let id = s.call("slow", [], at: 0)
      s.ret(id, nil, at: end)
      if tree == 0 { a = s.tree() } else { b = s.tree() }
    }
    #expect(!TreeDiff.compare(a, b).hasDifferences)
    var options = DiffOptions()
    options.timingPercent = 50
    let report = TreeDiff.compare(a, b, options: options)
    #expect(report.entries.last?.changes == [.timing])
    #expect(report.line(1) == "  ~ slow()  self 1.00 µs ⇢ 50.0 µs (+4900%)")
  }
}
