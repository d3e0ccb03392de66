import FlowTraceExplorer
import FlowTraceWire
import Testing

/// The decoder's visitor path builds the same tree as `TraceEvent`s do.
@Suite struct VisitorTests {
  func script() -> TraceScript {
    var s = fibScript()
    let main = s.call("main", at: 50)
    let bad = s.call("Loader.load", ["\"a\"", "2"], labels: ["path", "_"], parent: main, at: 51)
    s.fail(bad, "LoadError", "LoadError.missing(\"a\")")
    s.ret(bad, at: 60)
    s.fail(main, "LoadError", "LoadError.missing(\"a\")", caught: true)
    s.events.append(.loss(Loss(count: 3, thread: 1, parent: main)))
    s.leaf("work", ["\"é ✓\""], "\"ok\"", parent: nil, thread: 2, from: 70, to: 80)
    s.events.append(.task(TaskInfo(id: 5, parent: nil, name: "child")))
    s.call("open", parent: main, at: 90)
    return s
  }

  func describe(_ tree: CallTree) -> [String] {
    (0..<tree.count).map { n in
      [
        "\(tree.kind(of: n))", tree.rowText(of: n), "\(tree.parent(of: n) ?? -1)",
        "\(tree.state(of: n))", "\(tree.duration(of: n) ?? 0)",
        "\(tree.error(of: n).map { "\($0.type) \($0.disposition)" } ?? "")",
      ].joined(separator: "|")
    }
  }

  @Test func decodedBinaryTraceMatchesEvents() throws {
    let events = script().events
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 42, program: "demo", arguments: [], startWallNanos: 7))
    for event in events { try encoder.encode(event) }
    let bytes = encoder.takeBytes()

    var fromEvents = CallTree()
    fromEvents.append(contentsOf: events)
    var decoded = CallTree()
    var decoder = TraceDecoder(source: "test")
    try bytes.withUnsafeBytes { raw in try decoder.feed(raw, into: &decoded) }

    #expect(describe(decoded) == describe(fromEvents))
    #expect(decoded.callCount == 9)
    #expect(decoded.program(0).name == "demo")
    #expect(decoded.program(0).pid == 42)
    #expect(decoded.program(0).lost == 3)
    #expect(decoded.task(5, program: 0)?.name == "child")
    let load = try #require(decoded.node("Loader.load(path: \"a\", 2)"))
    #expect(decoded.labelledArguments(of: load)?.map(\.value) == ["\"a\"", "2"])
    #expect(decoded.result(of: try #require(decoded.node("work(\"é ✓\")"))) == "\"ok\"")
  }

  @Test func visitedRecordsGoToTheChosenProgram() throws {
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 9, program: "second", arguments: [], startWallNanos: 0))
    for event in script().events { try encoder.encode(event) }
    let bytes = encoder.takeBytes()
    var tree = CallTree()
    let first = tree.addProgram(ProgramInfo(name: "first", pid: 1, connectedAt: 0))
    let second = tree.addProgram(ProgramInfo(name: "", pid: 0, connectedAt: 0))
    var decoder = TraceDecoder()
    try tree.withProgram(second) { tree in
      try bytes.withUnsafeBytes { raw in try decoder.feed(raw, into: &tree) }
    }
    #expect(tree.program(first).events == 0)
    #expect(tree.program(second).name == "second")
    #expect(tree.program(second).events > 20)
    let fib = try #require(tree.node("fib(3) → 2"))
    #expect(tree.program(of: fib) == second)
    #expect(tree.depth(of: fib) == 2)
  }
}
