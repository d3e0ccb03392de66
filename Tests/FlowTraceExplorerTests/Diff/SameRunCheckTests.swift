import FlowTraceWire
import Testing

@testable import FlowTraceExplorer

/// The streaming diff's first check (`SameRunCheck`): another run of a trace (timestamps and
/// ids changed) is the same run, any change to what a call did is not, and a difference in
/// the first records stops both readers.
@Suite struct SameRunCheckTests {
  typealias Random = DiffPropertyTests.Random

  static func oneThread(seed: Int) -> DiffProgram {
    var program = StreamingDiffTests.withoutTasks(StreamingDiffTests.program(seed: UInt64(seed)))
    program.threads = Array(program.threads.prefix(1))
    return program
  }

  @Test(arguments: 0..<20)
  func anotherRunIsTheSameRun(seed: Int) throws {
    let a = Self.oneThread(seed: seed)
    var b = a
    b.timeShift = 977
    b.idShift = 3
    let fileA = try StreamingDiffTests.file(a, "run-a\(seed)")
    let fileB = try StreamingDiffTests.file(b, "run-b\(seed)")
    #expect(SameRunCheck.calls(fileA, fileB) == a.tree().callCount, "seed \(seed)")
    // The report it gives is the one of the whole trees.
    let fast = try #require(StreamingDiff.compare(fileA, fileB))
    let reference = StreamingDiffTests.reference(fileA, fileB)
    #expect(StreamingDiffTests.output(fast) == StreamingDiffTests.output(reference))
  }

  @Test(arguments: 0..<80)
  func anyChangeIsNotTheSameRun(seed: Int) throws {
    var random = Random(state: UInt64(seed) &* 104_729 &+ 11)
    let a = Self.oneThread(seed: seed)
    var b = a
    b.timeShift = 5
    let what = StreamingDiffTests.mutate(&b, &random)
    let fileA = try StreamingDiffTests.file(a, "chg-a\(seed)")
    let fileB = try StreamingDiffTests.file(b, "chg-b\(seed)")
    #expect(SameRunCheck.calls(fileA, fileB) == nil, "seed \(seed): \(what) not seen")
    #expect(SameRunCheck.calls(fileB, fileA) == nil, "seed \(seed): \(what) not seen (B, A)")
  }

  @Test func anErrorsDispositionAndPlaceCount() throws {
    let call = TestCall("load", ["1"], "2", [TestCall("parse", ["x"], "3")])
    var a = DiffProgram.main([call])
    a.threads[0].roots[0].children[0].error = ("E", "bad", true)
    var b = a
    b.threads[0].roots[0].children[0].error = ("E", "bad", false)
    var c = a
    c.threads[0].roots[0].children[0].error = nil
    c.threads[0].roots[0].error = ("E", "bad", true)
    let files = try [a, b, c].enumerated().map { try StreamingDiffTests.file($1, "err\($0)") }
    #expect(SameRunCheck.calls(files[0], files[0]) == 2)
    #expect(SameRunCheck.calls(files[0], files[1]) == nil)
    #expect(SameRunCheck.calls(files[0], files[2]) == nil)
  }

  @Test func aThreadWithoutCallsOrRenamedCounts() throws {
    let a = DiffProgram.main([TestCall("load", ["1"], "2")])
    var b = a
    b.threads.append((name: "idle", roots: []))
    var c = a
    c.threads[0].name = "worker"
    let files = try [a, b, c].enumerated().map { try StreamingDiffTests.file($1, "thr\($0)") }
    #expect(SameRunCheck.calls(files[0], files[0]) == 1)
    #expect(SameRunCheck.calls(files[0], files[1]) == nil)
    #expect(SameRunCheck.calls(files[1], files[0]) == nil)
    #expect(SameRunCheck.calls(files[0], files[2]) == nil)
  }

  @Test func aDifferenceInTheFirstRecordsStopsBothReaders() throws {
    let runs = (0..<20_000).map { TestCall("run", ["\($0)"], "0", [TestCall("step", [], "1")]) }
    let a = DiffProgram.main([TestCall("main", [], nil, runs)])
    var b = a
    b.threads[0].roots[0].children[3].result = "-1"
    let fileA = try StreamingDiffTests.file(a, "early-a")
    let fileB = try StreamingDiffTests.file(b, "early-b")
    #expect(SameRunCheck.calls(fileA, fileA) == 40_001)
    let outcome = SameRunCheck.run(fileA, fileB, chunkBytes: 4 << 10)
    #expect(outcome.calls == nil)
    // 80,002 records each; the reader that posts second stops at its first post (the other
    // one, if it ran ahead, stops at its next look at the board).
    let read = min(outcome.eventsRead.0, outcome.eventsRead.1)
    #expect(read < 2 * SameRunCheck.syncEvents, "\(read) records read")
  }
}
