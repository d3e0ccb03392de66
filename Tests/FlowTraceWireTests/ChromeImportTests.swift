import FlowTraceWire
import Testing

/// The Chrome trace importer (issue 14, part 3): nesting, names, arguments, bad input.
@Suite struct ChromeImportTests {
  /// viztracer writes a call when it ends: children before their parent.
  static let viztracer = """
    {"traceEvents": [
    {"ph": "M", "pid": 7, "tid": 7, "name": "process_name", "args": {"name": "MainProcess"}},
    {"ph": "M", "pid": 7, "tid": 7, "name": "thread_name", "args": {"name": "MainThread"}},
    {"pid": 7, "tid": 7, "ts": 12.5, "ph": "X", "dur": 1.25, "name": "fib (/a/f.py:1)", "args": {"func_args": {"n": "1"}, "return_value": "1"}},
    {"pid": 7, "tid": 7, "ts": 14.001, "ph": "X", "dur": 0.5, "name": "fib (/a/f.py:1)", "args": {"func_args": {"n": "0"}, "return_value": "0"}},
    {"pid": 7, "tid": 7, "ts": 12, "ph": "X", "dur": 3, "name": "fib (/a/f.py:1)", "args": {"func_args": {"n": "2"}, "return_value": "1"}},
    {"pid": 7, "tid": 7, "ts": 16, "ph": "X", "dur": 1, "name": "greet (/a/f.py:4)", "args": {"func_args": {"name": "'x'"}, "return_value": "'hi x'"}},
    {"pid": 7, "tid": 7, "ts": 10, "ph": "X", "dur": 10, "name": "main (/a/f.py:7)"}
    ], "viztracer_metadata": {"version": "1.1.1"}}
    """

  @Test(arguments: [1 << 20, 64, 100])
  func viztracerNestsByTimeWhateverTheOrder(window: Int) throws {
    let run = try ChromeImportRun(Self.viztracer, window: window)
    #expect(
      run.outline == [
        "main()", "  fib(n: 2) → 1", "    fib(n: 1) → 1", "    fib(n: 0) → 0",
        "  greet(name: 'x') → 'hi x'",
      ])
    #expect(run.headers.first?.program == "MainProcess")
    #expect(run.headers.first?.pid == 7)
    #expect(run.events.contains(.thread(ThreadInfo(id: 1, name: "MainThread"))))
    let fib = run.events.compactMap { event -> CallSite? in
      if case .callSite(let site) = event, site.qualifiedName == "fib" { return site }
      return nil
    }
    #expect(fib.first?.file == "/a/f.py" && fib.first?.line == 1)
    // Times are exact to the ns, from the earliest event.
    let starts = run.events.compactMap { event -> UInt64? in
      if case .call(let call) = event { return call.timestamp }
      return nil
    }
    #expect(starts == [0, 2000, 2500, 4001, 6000])
  }

  @Test func uftraceBeginEndPairsWithArgumentsAndReturnValues() throws {
    let json = """
      {"traceEvents":[
      {"ts":0,"ph":"M","pid":9,"name":"process_name","args":{"name":"[9] fib"}},
      {"ts":1.000,"ph":"B","pid":9,"name":"main"},
      {"ts":1.100,"ph":"B","pid":9,"name":"add","args":{"arguments":"(3, \\"a, b\\")"}},
      {"ts":1.200,"ph":"E","pid":9,"name":"add","args":{"retval":"4"}},
      {"ts":1.300,"ph":"i","pid":9,"name":"mark","s":"t"},
      {"ts":2.000,"ph":"E","pid":9,"name":"main"},
      {"ts":2.5,"ph":"C","pid":9,"name":"counter","args":{"v":1}}
      ]}
      """
    var run = try ChromeImportRun(json)
    #expect(run.outline == ["main()", "  add(3, \"a, b\") → 4", "  mark()"])
    #expect(run.builder.notes.contains { $0.contains("1 C") })
    run = try ChromeImportRun(
      "[" + json.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n") + "]")
    #expect(run.outline.count == 3)
  }

  @Test func severalProcessesBecomeNamedThreadsOrPrograms() throws {
    let json = """
      [{"ph":"X","pid":1,"tid":1,"ts":0,"dur":5,"name":"a"},
       {"ph":"X","pid":2,"tid":1,"ts":1,"dur":2,"name":"b"},
       {"ph":"X","pid":1,"tid":2,"ts":1,"dur":2,"name":"c"}]
      """
    let merged = try ChromeImportRun(json)
    #expect(merged.outline == ["a()", "b()", "c()"])  // thread after thread
    #expect(merged.events.contains(.thread(ThreadInfo(id: 2, name: "tid 1 (pid 2)"))))
    let split = try ChromeImportRun(json, merge: false)
    #expect(split.headers.map(\.pid) == [1, 2])
  }

  @Test func atTheSameStartTheLongerCallIsTheParent() throws {
    let run = try ChromeImportRun(
      #"[{"ph":"X","ts":10,"dur":2,"name":"inner"},{"ph":"X","ts":10,"dur":5,"name":"outer"},"#
        + #"{"ph":"X","ts":15,"dur":0,"name":"after"}]"#)
    #expect(run.outline == ["outer()", "  inner()", "after()"])
  }

  @Test func unterminatedArrayAfterACompleteEventIsRead() throws {
    var run = try ChromeImportRun("[{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"name\":\"a\"},\n")
    #expect(run.outline == ["a()"])
    #expect(run.reader.unterminated)
    run = try ChromeImportRun("{\"traceEvents\":[{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"name\":\"a\"}")
    #expect(run.reader.unterminated)
  }

  @Test func swiftSymbolsAreDemangledByTheRuntime() throws {
    let run = try ChromeImportRun(
      #"[{"ph":"X","ts":0,"dur":1,"name":"$s3fib3fibyS2iF"},{"ph":"X","ts":2,"dur":1,"name":"fib"}]"#
    )
    #expect(run.outline == ["fib()", "fib()"])
    let names = run.events.compactMap { event -> String? in
      if case .callSite(let site) = event { return "\(site.qualifiedName) \(site.labels)" }
      return nil
    }
    // Two sites: the Swift one knows its label; a C `fib` has none.
    #expect(names == ["fib [\"_\"]", "fib []"])
    // With recorded arguments (uftrace -A) the labels apply.
    let labelled = try ChromeImportRun(
      #"[{"ph":"B","ts":0,"name":"$s3app5greet4name5timesSiSS_SitF","args":{"arguments":"(\"ab\", 3)"}},"#
        + #"{"ph":"E","ts":1,"args":{"retval":"6"}}]"#)
    #expect(labelled.outline == [#"greet(name: "ab", times: 3) → 6"#])
  }
}
