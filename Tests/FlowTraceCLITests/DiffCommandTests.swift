import FlowTraceWire
import Foundation
import Testing

/// `flowtrace diff` through the built binary: whole outputs compared with golden text.
@Suite struct DiffCommandTests {
  /// `importBatch(lines)`: each line parsed; a bad line throws and the batch catches it.
  static func batch(_ lines: [String], shift: UInt64 = 0, thread: UInt32 = 1) -> [TraceEvent] {
    var events: [TraceEvent] = [
      .callSite(
        CallSite(id: 1, qualifiedName: "importBatch", labels: ["_"], file: "L.swift", line: 3)),
      .callSite(
        CallSite(id: 2, qualifiedName: "parseRecord", labels: ["_"], file: "L.swift", line: 9)),
      .thread(ThreadInfo(id: thread, name: "main")),
    ]
    let all: CollectFlags = [.args, .result, .timing]
    let quoted = lines.map { "\"\($0)\"" }
    events.append(
      .call(
        CallStart(
          id: 1, parent: nil, site: 1, thread: thread, task: 0, flags: all, timestamp: shift,
          args: ["[" + quoted.joined(separator: ", ") + "]"])))
    var total = 0
    var caught = false
    for (k, line) in lines.enumerated() {
      let id = UInt64(k + 2)
      let t = shift + UInt64(k) * 100 + 10
      events.append(
        .call(
          CallStart(
            id: id, parent: 1, site: 2, thread: thread, task: 0, flags: all, timestamp: t,
            args: [quoted[k]])))
      if let value = Int(line) {
        total += value
        events.append(.return(CallEnd(id: id, timestamp: t + 50, result: "\(value)")))
      } else {
        total -= 1
        caught = true
        events.append(
          .error(
            CallError(
              id: id, type: "BadInput", description: "BadInput(value: \(line.count))",
              disposition: .propagated)))
        events.append(.return(CallEnd(id: id, timestamp: t + 50, result: nil)))
      }
    }
    if caught {
      events.append(
        .error(
          CallError(
            id: 1, type: "BadInput", description: "BadInput(value: 1)", disposition: .caught)))
    }
    events.append(.return(CallEnd(id: 1, timestamp: shift + 10_000, result: "\(total)")))
    events.append(.end)
    return events
  }

  static func run(
    _ a: [TraceEvent], _ b: [TraceEvent], _ options: [String] = [], expectedStatus: Int32 = 0,
    binaryB: Bool = false
  ) throws -> CLIRunner.Result {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pathA = try CLITraces.write(try CLITraces.binary(a), "a.ftrace", in: dir)
    let pathB =
      binaryB
      ? try CLITraces.write(try CLITraces.binary(b), "b.jsonl", in: dir)
      : try CLITraces.write(CLITraces.jsonLines(b), "b.jsonl", in: dir)
    var result = try CLIRunner.run(
      ["diff", pathA, pathB] + options, expectedStatus: expectedStatus)
    result.stdout = result.stdout.replacingOccurrences(of: dir.path + "/", with: "")
    return result
  }

  @Test func goldenTextForAChangedBatch() throws {
    let result = try Self.run(
      Self.batch(["1", "2", "x", "4"]), Self.batch(["1", "2", "3", "4", "5"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        A: a.ftrace (/bin/calc)
        B: b.jsonl (/bin/calc)

        first difference:
          thread main
            ~ importBatch(["1", "2", "x", "4"]) → 6 ↯ BadInput(value: 1) [caught]  ⇢  importBatch(["1", "2", "3", "4", "5"]) → 15

        differences: 2 changed, 1 only in B (3 identical calls)
          thread main
            ~ importBatch(["1", "2", "x", "4"]) → 6 ↯ BadInput(value: 1) [caught]  ⇢  importBatch(["1", "2", "3", "4", "5"]) → 15
              … 2 identical calls
              ~ parseRecord("x") ↯ BadInput(value: 1) [propagated]  ⇢  parseRecord("3") → 3
              … 1 identical call
              + parseRecord("5") → 5

        """)
  }

  /// Two binary files take the streaming diff (pruned trees): the same output, byte for
  /// byte, as the reference path (B as JSON Lines loads whole trees).
  @Test func twoBinaryFilesPrintTheSame() throws {
    let cases: [([TraceEvent], [TraceEvent], [String], Int32)] = [
      (Self.batch(["1", "2", "x", "4"]), Self.batch(["1", "2", "3", "4", "5"]), [], 0),
      (Self.batch(["1", "x"]), Self.batch(["1", "x"], shift: 777, thread: 4), [], 0),
      (Self.batch(["1", "x", "3"]), Self.batch(["1", "y", "3"]), ["--exit-code"], 1),
      (Self.batch(["1", "2", "3", "4"]), Self.batch(["1", "3", "4"]), ["--format", "json"], 0),
    ]
    for (a, b, options, status) in cases {
      let reference = try Self.run(a, b, options, expectedStatus: status)
      let streaming = try Self.run(a, b, options, expectedStatus: status, binaryB: true)
      #expect(streaming.status == status, "\(streaming.stderr)")
      #expect(streaming.stdout == reference.stdout)
      #expect(streaming.stderr == reference.stderr)
    }
  }

  @Test func identicalRunsAndExitCode() throws {
    let a = Self.batch(["1", "x"])
    let same = try Self.run(a, Self.batch(["1", "x"], shift: 777, thread: 4), ["--exit-code"])
    #expect(same.status == 0, "\(same.stderr)")
    #expect(same.stdout.hasSuffix("\n\nno differences (3 identical calls)\n"))
    let differ = try Self.run(a, Self.batch(["1", "y"]), ["--exit-code"], expectedStatus: 1)
    #expect(differ.status == 1)
    #expect(differ.stdout.contains("~ parseRecord(\"x\")"))
    let ignored = try Self.run(
      a, Self.batch(["1", "y"]), ["--exit-code", "--ignore-args", "*", "--ignore-results", "*"])
    #expect(ignored.status == 0, "\(ignored.stdout)")
  }

  @Test func jsonForTools() throws {
    let result = try Self.run(Self.batch(["1"]), Self.batch(["2"]), ["--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["identical"] as? Bool == false)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["changed": 2, "onlyInA": 0, "onlyInB": 0, "identicalCalls": 0])
    let entries = try #require(object["entries"] as? [[String: Any]])
    #expect(entries.map { $0["kind"] as? String } == ["context", "changed", "changed"])
    let first = try #require(object["first"] as? [String: Any])
    #expect(first["entry"] as? Int == 1)
    let parse = try #require(entries[2]["b"] as? [String: Any])
    #expect(parse["args"] as? [String] == ["\"2\""])
    #expect(parse["result"] as? String == "2")
    #expect(entries[2]["changes"] as? [String] == ["args", "result"])
  }

  @Test func timingAndBadInput() throws {
    var slow = Self.batch(["1"])
    if case .return(var end) = slow[slow.count - 2] {
      end.timestamp = 90_000_000
      slow[slow.count - 2] = .return(end)
    }
    let plain = try Self.run(Self.batch(["1"]), slow, ["--exit-code"])
    #expect(plain.status == 0)
    let timed = try Self.run(
      Self.batch(["1"]), slow, ["--timing", "--exit-code"], expectedStatus: 1)
    #expect(timed.status == 1, "\(timed.stderr)")
    #expect(timed.stdout.contains("self 9.95 µs ⇢ 90.0 ms (+904422%)"), "\(timed.stdout)")
    let missing = try CLIRunner.run(
      ["diff", "/nonexistent/a.ftrace", "/nonexistent/b.ftrace"], expectedStatus: 2)
    #expect(missing.status == 2)
    #expect(missing.stderr.hasPrefix("flowtrace: /nonexistent/a.ftrace: "))
    #expect(missing.stderr.split(separator: "\n").count == 1)
    let badPattern = try Self.run(
      Self.batch(["1"]), slow, ["--ignore-args", "re:("], expectedStatus: 2)
    #expect(badPattern.status == 2)
    #expect(badPattern.stderr.hasPrefix("flowtrace: bad pattern re:(: "))
  }
}
