import FlowTraceExplorer
import FlowTraceWire
import Testing

/// Random programs: a trace never differs from a second run of itself, and one random
/// mutation is what the diff reports first.
@Suite struct DiffPropertyTests {
  /// SplitMix64: a failing seed reproduces.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static func call(_ random: inout Random, depth: Int) -> TestCall {
    let names = ["parse", "eval", "load", "fib"]
    var call = TestCall(
      names[random.next(names.count)], ["\(random.next(3))"], "\(random.next(4))",
      inTask: depth > 0 && random.next(12) == 0)
    if random.next(10) == 0 { call.error = ("E", "E.bad(\(random.next(2)))", random.next(2) == 0) }
    if depth < 4 {
      for _ in 0..<random.next(depth == 0 ? 5 : 4) {
        call.children.append(Self.call(&random, depth: depth + 1))
      }
    }
    return call
  }

  static func program(seed: UInt64) -> DiffProgram {
    var random = Random(state: seed)
    let threads = ["main", "worker"].prefix(1 + random.next(2)).map { name in
      (name: name, roots: (0..<(1 + random.next(3))).map { _ in call(&random, depth: 0) })
    }
    return DiffProgram(threads: threads)
  }

  @Test(arguments: 0..<40)
  func aTraceEqualsAnotherRunOfItself(seed: Int) {
    let a = Self.program(seed: UInt64(seed))
    var b = a
    b.timeShift = UInt64(seed) * 977 + 1
    b.idShift = 5
    b.order = Array(a.threads.indices.reversed())
    let report = TreeDiff.compare(a.tree(), b.tree())
    #expect(!report.hasDifferences, "seed \(seed): \(report.lines())")
    #expect(report.identicalCalls == a.tree().callCount)
  }

  /// Paths (child indices from a thread's root list) of every call.
  static func paths(_ calls: [TestCall], prefix: [Int] = []) -> [[Int]] {
    calls.enumerated().flatMap { index, call in
      [prefix + [index]] + paths(call.children, prefix: prefix + [index])
    }
  }

  static func modify(
    _ calls: inout [TestCall], at path: [Int], _ body: (inout [TestCall], Int) -> Void
  ) {
    if path.count == 1 {
      body(&calls, path[0])
    } else {
      modify(&calls[path[0]].children, at: Array(path.dropFirst()), body)
    }
  }

  @Test(arguments: 0..<60)
  func oneMutationIsReportedFirst(seed: Int) throws {
    let a = Self.program(seed: UInt64(seed))
    var random = Random(state: UInt64(seed) &* 31 &+ 7)
    var b = a
    b.timeShift = 99
    let thread = random.next(a.threads.count)
    let paths = Self.paths(a.threads[thread].roots)
    let path = paths[random.next(paths.count)]
    var roots = a.threads[thread].roots
    var expected = ""
    switch random.next(4) {
    case 0:
      Self.modify(&roots, at: path) { list, i in
        list[i].result = "999"
        list[i].error = nil
      }
      expected = "~"
    case 1:
      Self.modify(&roots, at: path) { list, i in list[i].args = ["77"] }
      expected = "~ or -"
    case 2:
      Self.modify(&roots, at: path) { list, i in
        list[i].children.insert(TestCall("inserted", [], nil), at: list[i].children.count / 2)
      }
      expected = "+ inserted()"
    default:
      var unique = true
      Self.modify(&roots, at: path) { list, i in
        unique = list.filter { $0.name == list[i].name && $0.args == list[i].args }.count == 1
        if unique { list.remove(at: i) }
      }
      guard unique else { return }
      expected = "-"
    }
    b.threads[thread].roots = roots
    let treeA = a.tree()
    let report = TreeDiff.compare(treeA, b.tree())
    let first = try #require(report.first, "seed \(seed): no difference found")
    let entry = report.entries[first]
    let line = report.line(first).drop { $0 == " " }
    if expected == "+ inserted()" {
      #expect(line == "+ inserted()", "seed \(seed)")
      #expect(entry.depth == path.count + 1, "seed \(seed)")
      return
    }
    #expect(entry.depth == path.count, "seed \(seed): \(line)")
    // The mutated call of A, found by its path.
    var node = try #require(
      treeA.roots.first { treeA.rowText(of: $0).hasSuffix(a.threads[thread].name) })
    for index in path { node = treeA.children(of: node)[index] }
    let textA = treeA.callText(of: node)
    #expect(entry.a == node || (entry.a.map(treeA.callText) == textA), "seed \(seed): \(line)")
    if expected == "~" { #expect(entry.kind == .changed, "seed \(seed): \(line)") }
    if expected == "-" { #expect(entry.kind == .removed, "seed \(seed): \(line)") }
  }
}
