import FlowTraceWire
import Foundation
import Testing

@Suite struct RecordCommandTests {
  @Test func runsTheProgramWithFlowTraceOutAndSaysWhereTheTraceWent() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sample = try CLITraces.write(try CLITraces.binary(), "sample.ftrace", in: dir)
    let out = dir.appendingPathComponent("run.ftrace").path
    let result = try CLIRunner.run([
      "record", "-o", out, "--", "/bin/sh", "-c", "cp \(sample) \"$FLOWTRACE_OUT\"",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let size = (try FileManager.default.attributesOfItem(atPath: out))[.size] as? Int
    #expect(result.stderr == "flowtrace: trace written to \(out): \(size ?? -1) bytes, 4 calls\n")
  }

  @Test func passesTheExitStatusOnAndComplainsWhenNoTraceAppears() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("none.ftrace").path
    let result = try CLIRunner.run(
      ["record", "-o", out, "--", "/bin/sh", "-c", "exit 3"], expectedStatus: 3)
    #expect(result.status == 3)
    #expect(result.stderr.contains("wrote no trace to \(out)"))
    let missing = try CLIRunner.run(["record", "--", "/nonexistent/program"], expectedStatus: 1)
    #expect(missing.status == 1)
    #expect(missing.stderr == "flowtrace: /nonexistent/program: No such file or directory\n")
  }
}
