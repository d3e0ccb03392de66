import FlowTraceWire
import Testing

@testable import FlowTraceExplorer

#if canImport(Glibc)
  import Glibc
#endif

/// The streaming diff (pruned trees) against the reference (whole trees, `TreeDiff`): the
/// same text, first difference and JSON for random programs with random mutations.
@Suite struct StreamingDiffTests {
  typealias Random = DiffPropertyTests.Random

  /// A random program with long sibling lists of equal keys (loops), so that prefixes,
  /// suffixes and the pairs between them are all exercised.
  static func program(seed: UInt64) -> DiffProgram {
    var random = Random(state: seed)
    func call(depth: Int) -> TestCall {
      let names = ["parse", "eval", "load", "fib"]
      var c = TestCall(
        names[random.next(names.count)], ["\(random.next(2))"], "\(random.next(3))",
        inTask: depth > 1 && random.next(25) == 0)
      if random.next(12) == 0 { c.error = ("E", "E.bad(\(random.next(2)))", random.next(2) == 0) }
      if depth < 4 {
        let width = depth == 1 ? 3 + random.next(8) : random.next(4)
        for _ in 0..<width { c.children.append(call(depth: depth + 1)) }
      }
      return c
    }
    let threads = ["main", "worker"].prefix(1 + random.next(2)).map { name in
      (name: name, roots: (0..<(1 + random.next(3))).map { _ in call(depth: 0) })
    }
    return DiffProgram(threads: threads)
  }

  /// Paths of every call (child indices from the thread's roots).
  static func paths(_ calls: [TestCall], prefix: [Int] = []) -> [[Int]] {
    DiffPropertyTests.paths(calls, prefix: prefix)
  }

  /// One random change to `program`: a result, an argument, an inserted or removed call, an
  /// error, one more loop iteration, a thread renamed or added.
  static func mutate(_ program: inout DiffProgram, _ random: inout Random) -> String {
    let thread = random.next(program.threads.count)
    var roots = program.threads[thread].roots
    let all = paths(roots)
    let path = all[random.next(all.count)]
    let kind = random.next(8)
    switch kind {
    case 0: DiffPropertyTests.modify(&roots, at: path) { l, i in l[i].result = "999" }
    case 1: DiffPropertyTests.modify(&roots, at: path) { l, i in l[i].args = ["77"] }
    case 2:
      DiffPropertyTests.modify(&roots, at: path) { l, i in
        l[i].children.insert(TestCall("inserted"), at: l[i].children.count / 2)
      }
    case 3: DiffPropertyTests.modify(&roots, at: path) { l, i in l.remove(at: i) }
    case 4: DiffPropertyTests.modify(&roots, at: path) { l, i in l[i].error = ("E", "new", false) }
    case 5: DiffPropertyTests.modify(&roots, at: path) { l, i in l.insert(l[i], at: i) }
    case 6: program.threads[thread].name += "2"
    default: program.threads.append((name: "extra", roots: [TestCall("idle")]))
    }
    program.threads[thread].roots = roots
    return ["result", "args", "insert", "remove", "error", "loop", "rename", "thread"][kind]
  }

  /// Writes a program as a binary trace file and opens it.
  static func file(_ program: DiffProgram, _ name: String) throws -> TraceFile {
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 1, program: "demo", arguments: [], startWallNanos: 0))
    for event in program.events() { try encoder.encode(event) }
    encoder.end()
    let bytes = encoder.takeBytes()
    let path = "/tmp/flowtrace-streaming-\(getpid())-\(name).ftrace"
    let out = try #require(fopen(path, "wb"))
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
    fclose(out)
    defer { unlink(path) }
    return try TraceFile.open(path)
  }

  /// Everything a report prints: text lines, summary, first difference, JSON.
  static func output(_ report: DiffReport) -> String {
    (report.firstDifferenceLines() + report.lines() + [report.summary]).joined(separator: "\n")
      + "\n" + report.json(sourceA: "a", sourceB: "b")
  }

  static func reference(_ a: TraceFile, _ b: TraceFile) -> DiffReport {
    TreeDiff.compare(LoadedTrace(a).tree, LoadedTrace(b).tree)
  }

  @Test(arguments: 0..<150)
  func sameOutputAsTheWholeTrees(seed: Int) throws {
    var random = Random(state: UInt64(seed) &* 7919 &+ 3)
    let a = Self.program(seed: UInt64(seed))
    var b = a
    b.timeShift = 41
    let what = seed % 10 == 0 ? "none" : Self.mutate(&b, &random)
    if seed % 10 == 1 { _ = Self.mutate(&b, &random) }
    let fileA = try Self.file(a, "a\(seed)")
    let fileB = try Self.file(b, "b\(seed)")
    let fast = try #require(StreamingDiff.compare(fileA, fileB), "seed \(seed): not taken")
    let expected = Self.output(Self.reference(fileA, fileB))
    #expect(Self.output(fast) == expected, "seed \(seed) (\(what))")
    // Small chunks: pass 2 jumps over the chunks inside pruned subtrees.
    let chunked = try #require(StreamingDiff.compare(fileA, fileB, chunkBytes: 16 + seed % 48))
    #expect(Self.output(chunked) == expected, "seed \(seed) (\(what)), chunks")
  }

  /// The program with every call in its parent's task (child tasks make a thread's calls
  /// not plain nested blocks, which the streaming diff builds whole).
  static func withoutTasks(_ program: DiffProgram) -> DiffProgram {
    func strip(_ call: TestCall) -> TestCall {
      var c = call
      c.inTask = false
      c.children = c.children.map(strip)
      return c
    }
    var out = program
    for k in out.threads.indices { out.threads[k].roots = out.threads[k].roots.map(strip) }
    return out
  }

  @Test(arguments: 0..<20)
  func aTraceAgreesWithAnotherRunOfItselfWithoutBuildingIt(seed: Int) throws {
    let a = Self.withoutTasks(Self.program(seed: UInt64(seed)))
    var b = a
    b.timeShift = 977
    b.idShift = 3
    let report = try #require(
      StreamingDiff.compare(try Self.file(a, "same-a\(seed)"), try Self.file(b, "same-b\(seed)")))
    #expect(!report.hasDifferences)
    #expect(report.identicalCalls == a.tree().callCount)
    #expect(report.a.count == 0, "the trees are not built when the traces agree")
  }

  /// The differential test above would pass if nothing were ever pruned: most mutated
  /// traces must be built smaller than whole.
  @Test func mostMutatedTracesArePruned() throws {
    var pruned = 0
    let seeds = 0..<60
    for seed in seeds {
      var random = Random(state: UInt64(seed) &* 7919 &+ 3)
      let a = Self.withoutTasks(Self.program(seed: UInt64(seed)))
      var b = a
      _ = Self.mutate(&b, &random)
      let fileA = try Self.file(a, "pa")
      let fileB = try Self.file(b, "pb")
      let fast = try #require(StreamingDiff.compare(fileA, fileB))
      // Without child tasks more is pruned: the outputs must still agree.
      let expected = Self.output(Self.reference(fileA, fileB))
      #expect(Self.output(fast) == expected, "seed \(seed)")
      let chunked = try #require(StreamingDiff.compare(fileA, fileB, chunkBytes: 24))
      #expect(Self.output(chunked) == expected, "seed \(seed), chunks")
      if fast.a.callCount < LoadedTrace(fileA).tree.callCount { pruned += 1 }
    }
    #expect(pruned * 2 > seeds.count, "\(pruned) of \(seeds.count) pruned")
  }

  @Test func aDifferenceDeepInsideBuildsLittle() throws {
    var runs: [TestCall] = []
    for i in 0..<200 {
      runs.append(
        TestCall("run", ["\(i)"], "0", [TestCall("fib", ["5"], "5", [TestCall("fib", ["4"], "3")])])
      )
    }
    let a = DiffProgram.main([TestCall("main", [], nil, runs)])
    var b = a
    b.threads[0].roots[0].children[100].children[0].children[0].result = "4"
    let fileA = try Self.file(a, "deepA")
    let fileB = try Self.file(b, "deepB")
    let fast = try #require(StreamingDiff.compare(fileA, fileB))
    #expect(Self.output(fast) == Self.output(Self.reference(fileA, fileB)))
    let chunked = try #require(StreamingDiff.compare(fileA, fileB, chunkBytes: 64))
    #expect(Self.output(chunked) == Self.output(fast))
    #expect(chunked.a.callCount == fast.a.callCount)
    // main, 200 runs (199 pruned), the changed run's fib and its fib: a thread node too.
    #expect(fast.a.callCount < 210, "\(fast.a.callCount) calls built")
  }
}
