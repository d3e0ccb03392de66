import FlowTraceWire
import Foundation
import Testing

/// `flowtrace record --attach PID -o FILE` against a real traced program started with
/// nothing set (but a private attach directory).
@Suite struct RecordAttachTests {
  /// A running `flowtrace-testee ARGS` with its attach socket up, and its environment.
  static func startTestee(
    _ arguments: [String], in dir: URL
  ) throws -> (Process, [String: String]) {
    let runtime = dir.appendingPathComponent("xdg").path
    mkdir(runtime, 0o700)
    var env = ProcessInfo.processInfo.environment
    for key in ["FLOWTRACE_OUT", "FLOWTRACE_SOCKET", "FLOWTRACE_ATTACH"] { env[key] = nil }
    env["XDG_RUNTIME_DIR"] = runtime
    env["FLOWTRACE_PRINT"] = "0"
    let process = Process()
    process.executableURL = CLIRunner.productsDirectory.appendingPathComponent("flowtrace-testee")
    process.arguments = arguments
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let socket = "\(runtime)/flowtrace/\(process.processIdentifier).sock"
    for _ in 0..<500 where !FileManager.default.fileExists(atPath: socket) { usleep(10_000) }
    return (process, ["XDG_RUNTIME_DIR": runtime])
  }

  @Test func recordsUntilTheProgramEnds() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (testee, environment) = try Self.startTestee(["serve", "400"], in: dir)
    defer { if testee.isRunning { kill(testee.processIdentifier, SIGKILL) } }
    let out = dir.appendingPathComponent("run.ftrace").path
    let result = try CLIRunner.run(
      ["record", "--attach", "\(testee.processIdentifier)", "-o", out], environment: environment)
    testee.waitUntilExit()
    #expect(testee.terminationStatus == 0)
    let trace = DecodedTrace(binary: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    let calls = trace.events.count { if case .call = $0 { true } else { false } }
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    #expect(trace.exitStatus == 0)
    #expect(calls > 100)
    #expect(
      result.stderr == "flowtrace: the program ended; trace written to \(out): \(calls) calls\n")
  }

  @Test func recordsUntilInterruptedAndLeavesAWholeFile() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (testee, environment) = try Self.startTestee(["forever"], in: dir)
    defer { kill(testee.processIdentifier, SIGKILL) }
    let out = dir.appendingPathComponent("run.ftrace").path
    let recorder = Process()
    recorder.executableURL = CLIRunner.binary
    recorder.arguments = ["record", "--attach", "\(testee.processIdentifier)", "-o", out]
    recorder.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let errors = Pipe()
    recorder.standardError = errors
    try recorder.run()
    // Interrupt once it records (its handlers are in place before it attaches).
    for _ in 0..<1000 where Self.size(of: out) < 4096 { usleep(10_000) }
    kill(recorder.processIdentifier, SIGINT)
    for _ in 0..<1000 where recorder.isRunning { usleep(10_000) }
    if recorder.isRunning {
      kill(recorder.processIdentifier, SIGKILL)
      Issue.record("flowtrace record did not stop within 10 s of SIGINT")
    }
    recorder.waitUntilExit()
    let stderr = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(recorder.terminationStatus == 0, "\(stderr)")
    let trace = DecodedTrace(binary: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    let calls = trace.events.count { if case .call = $0 { true } else { false } }
    #expect(trace.error == nil)
    #expect(!trace.isEnded)
    #expect(calls > 100)
    #expect(stderr == "flowtrace: detached; trace written to \(out): \(calls) calls\n")
    #expect(testee.isRunning)  // the program carries on
  }

  static func size(of path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
  }

  @Test func aMissingProgramIsOneLine() throws {
    let result = try CLIRunner.run(
      ["record", "--attach", "4000000", "-o", "/tmp/never.ftrace"], expectedStatus: 1)
    #expect(result.stderr == "flowtrace: --attach: no process with pid 4000000\n")
  }
}
