import FlowTraceTestSupport
import Foundation
import Testing

/// `ChildOutcome`, the judge of every child the CLI and demo tests run, on real children: a
/// real AddressSanitizer report (a C program built with the toolchain's clang), a real death
/// by signal, a wrong exit status, and a clean exit.
@Suite struct ChildOutcomeTests {
  /// Runs `executable` and returns how it ended.
  func outcome(_ executable: String, _ arguments: [String]) throws -> ChildOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ChildOutcome(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test func aRealAddressSanitizerReportFails() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = dir.appendingPathComponent("overflow.c").path
    let program = dir.appendingPathComponent("overflow").path
    try """
    #include <stdlib.h>
    int main(int argc, char **argv) {
      char *bytes = malloc(8);
      bytes[argc + 8] = 1;  /* a heap overflow ASan reports */
      free(bytes);
      return 0;
    }
    """.write(toFile: source, atomically: true, encoding: .utf8)
    let built = try outcome(
      "/usr/bin/env", ["clang", "-fsanitize=address", "-g", source, "-o", program])
    try #require(built.problems(expecting: 0).isEmpty, "clang: \(built.stderr)")
    let run = try outcome(program, [])
    let problems = run.problems(expecting: 0)
    #expect(problems.contains { $0.contains("AddressSanitizer: heap-buffer-overflow") })
    // ASan's exit status alone (1) would pass a test expecting a failure status: the report
    // still fails it.
    #expect(run.problems(expecting: run.status).count == 1)
  }

  @Test func aSignalAWrongStatusAndACleanExit() throws {
    let killed = try outcome("/bin/sh", ["-c", "kill -SEGV $$"])
    #expect(killed.problems(expecting: 0) == ["the child was killed by signal 11"])
    let three = try outcome("/bin/sh", ["-c", "exit 3"])
    #expect(three.problems(expecting: 0) == ["the child exited with status 3, not 0"])
    #expect(three.problems(expecting: 3).isEmpty)
    let clean = try outcome("/bin/sh", ["-c", "echo fine >&2"])
    #expect(clean.problems(expecting: 0).isEmpty)
  }
}
