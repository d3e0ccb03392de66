import FlowTraceWire
import Foundation
import Testing

@Suite struct ChromeExportTests {
  private func export() throws -> [[String: Any]] {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(), "calc.ftrace", in: dir)
    let result = try CLIRunner.run(["export", trace, "--format", "chrome"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
    return try #require(object?["traceEvents"] as? [[String: Any]])
  }

  @Test func everyCallIsACompleteEventWithTheRequiredFields() throws {
    let events = try export()
    let complete = events.filter { $0["ph"] as? String == "X" }
    #expect(complete.count == 4)
    for event in complete {
      #expect(event["name"] is String)
      #expect(event["ts"] is NSNumber)
      #expect(event["dur"] is NSNumber)
      #expect(event["pid"] as? Int == 321)
      #expect(event["tid"] is NSNumber)
    }
    let parse = try #require(complete.first { $0["name"] as? String == "Parser.parse" })
    #expect((parse["ts"] as? NSNumber)?.doubleValue == 2)
    #expect((parse["dur"] as? NSNumber)?.doubleValue == 6)
    let args = try #require(parse["args"] as? [String: String])
    #expect(args["text"] == "\"1+x\"")
    #expect(args["result"] == "nil")
    #expect(args["error"] == "BadToken: BadToken(\"x\")")
    #expect(args["disposition"] == "caught")
    let add = try #require(complete.first { $0["name"] as? String == "add" })
    #expect(add["args"] as? [String: String] == ["arg0": "2", "y": "3", "result": "5"])
  }

  @Test func threadsAndTasksGetTheirOwnNamedTracks() throws {
    let events = try export()
    let names = events.filter {
      $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name"
    }
    var trackNames: [Int: String] = [:]
    for event in names {
      let tid = try #require(event["tid"] as? Int)
      trackNames[tid] = (event["args"] as? [String: String])?["name"]
    }
    #expect(trackNames[1] == "main")
    #expect(trackNames[2] == "pool-1")
    let add = try #require(events.first { $0["name"] as? String == "add" })
    let addTrack = try #require(add["tid"] as? Int)
    #expect(addTrack != 1 && addTrack != 2)
    #expect(trackNames[addTrack] == "task 10: adder")
    #expect(
      events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "process_name" })
  }

  @Test func errorsAreAlsoInstantEvents() throws {
    let events = try export()
    let instants = events.filter { $0["ph"] as? String == "i" && $0["cat"] as? String == "error" }
    #expect(instants.map { $0["name"] as? String } == ["threw BadToken", "caught BadToken"])
    #expect((instants.first?["ts"] as? NSNumber)?.doubleValue == 5.5)
    #expect(instants.allSatisfy { $0["s"] as? String == "t" })
  }
}

@Suite struct ChromeExportEdgeTests {
  @Test func extremeTimestampsAndUntimedCallsStillExport() throws {
    let events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "f", labels: [], file: "", line: 0)),
      .thread(ThreadInfo(id: 1, name: "")),
      .call(
        CallStart(
          id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 0, args: nil
        )),
      .call(
        CallStart(
          id: 2, parent: 1, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
      .return(CallEnd(id: 2, timestamp: nil, result: nil)),
      .return(CallEnd(id: 1, timestamp: UInt64.max, result: nil)),
      .call(
        CallStart(
          id: 3, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil, args: nil)),
    ]
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(events), "x.ftrace", in: dir)
    let result = try CLIRunner.run(["export", trace, "--format", "chrome"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
    let traceEvents = try #require(object?["traceEvents"] as? [[String: Any]])
    let complete = traceEvents.filter { $0["ph"] as? String == "X" }
    #expect(complete.count == 3)
    let running = complete.filter { ($0["args"] as? [String: String])?["state"] != nil }
    #expect(running.count == 1)
    #expect(traceEvents.contains { ($0["args"] as? [String: String])?["name"] == "thread 1" })
  }
}
