import FlowTraceTestSupport
import Foundation
import Testing

/// Runs the built `flowtrace` binary (found next to the test bundle) as a subprocess.
enum CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data
  }

  /// The build products directory holding the test bundle and the executables.
  static let productsDirectory: URL = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    // Inside an .xctest bundle directory (macOS layout), step out of it.
    while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
    return dir
  }()

  static var binary: URL { productsDirectory.appendingPathComponent("flowtrace") }

  /// Runs `flowtrace` with `arguments`; a status other than `expectedStatus`, a death by
  /// signal or a sanitizer report on its stderr is recorded as a failure of the calling test.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], expectedStatus: Int32 = 0,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain both pipes concurrently so a full pipe never blocks the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async(group: group) { errBox.data = errHandle.readDataToEndOfFile() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    let outcome = ChildOutcome(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      stderr: String(decoding: errBox.data, as: UTF8.self))
    for problem in outcome.problems(expecting: expectedStatus) {
      Issue.record(
        "flowtrace \(arguments.joined(separator: " ")): \(problem)\n\(outcome.stderr)",
        sourceLocation: sourceLocation)
    }
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errBox.data, as: UTF8.self), stdoutBytes: outData)
  }

  private final class DataBox: @unchecked Sendable {
    var data = Data()
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowtrace-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}
