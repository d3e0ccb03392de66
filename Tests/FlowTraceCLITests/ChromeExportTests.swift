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
