import FlowTraceSystem
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

/// A viewer attaches to a traced program that was started with nothing set, sees its calls,
/// detaches, and attaches again; the program carries on and ends normally.
@Suite struct AttachTests {
  @Test func attachDetachAndAttachAgainToARunningProgram() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    var environment = fixture.environment
    environment["FLOWTRACE_PRINT"] = "0"  // tracing off: nothing recorded until attached
    let child = try ChildProcess(["serve", "2500"], environment: environment)
    defer { if child.process.isRunning { child.kill() } }
    #expect(child.wait(for: "round 10"))
    #expect(fixture.waitForSocket(child.pid))

    let started = Date()
    let first = try fixture.attachAndRead(child.pid) {
      $0.callNames.contains("session") && $0.callNames.contains("step")
    }
    #expect(first.header?.pid == child.pid)
    #expect(first.error == nil)
    #expect(first.callNames.contains("session"))
    #expect(first.callNames.contains("step"))
    #expect(Date().timeIntervalSince(started) < 2)

    // Detached: the program goes on, and a second viewer gets a fresh, whole stream.
    #expect(child.wait(for: "round \(Self.roundAfter(child.text) + 20)"))
    // Read until two sessions came (one session holds up to ~330 calls: its steps' fib).
    let second = try fixture.attachAndRead(child.pid) {
      $0.callNames.filter { $0 == "session" }.count >= 2
    }
    #expect(second.header?.pid == child.pid)
    #expect(second.error == nil)
    #expect(second.callNames.filter { $0 == "session" }.count >= 2)

    let output = child.finish()
    #expect(output.contains("done"))
    #expect(child.process.terminationStatus == 0)
    #expect(!FileManager.default.fileExists(atPath: fixture.socketPath(child.pid)))
  }

  @Test func aProgramThatPrintsItsTreesCanBeAttachedToo() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    let child = try ChildProcess(["forever"], environment: fixture.environment)
    defer { child.kill() }
    #expect(child.wait(for: "progress 1000"))
    #expect(fixture.waitForSocket(child.pid))
    let trace = try fixture.attachAndRead(child.pid) { $0.callNames.count >= 50 }
    #expect(trace.error == nil)
    #expect(trace.callNames.contains("step"))
    let before = child.text.count
    usleep(200_000)
    #expect(child.text.count > before)  // still printing after the viewer left
  }

  @Test func statusTellsProgramPidAndCalls() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    let child = try ChildProcess(["forever"], environment: fixture.environment)
    defer { child.kill() }
    #expect(child.wait(for: "progress 1000"))
    #expect(fixture.waitForSocket(child.pid))
    let status = try AttachClient.status(pid: child.pid, directory: fixture.directory)
    #expect(status.pid == child.pid)
    #expect(status.program.hasSuffix("flowtrace-testee"))
    #expect(status.calls > 1000)
  }

  @Test func aSecondViewerIsToldTheProgramIsBusy() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    let child = try ChildProcess(["forever"], environment: fixture.environment)
    defer { child.kill() }
    #expect(fixture.waitForSocket(child.pid))
    let first = try AttachClient.attach(pid: child.pid, directory: fixture.directory)
    defer { close(first) }
    #expect(throws: AttachError.self) {
      try AttachClient.attach(pid: child.pid, directory: fixture.directory)
    }
  }

  @Test func optingOutLeavesNoSocket() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    var environment = fixture.environment
    environment["FLOWTRACE_ATTACH"] = "0"
    let child = try ChildProcess(["late", "300"], environment: environment, captureErrors: true)
    _ = child.finish()
    #expect(child.process.terminationStatus == 0)
    #expect(child.errorText.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: fixture.directory))
  }

  @Test func theDirectoryIsCreatedPrivateAndTheSocketRemovedAtExit() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    let child = try ChildProcess(["serve", "300"], environment: fixture.environment)
    #expect(fixture.waitForSocket(child.pid))
    var info = stat()
    #expect(lstat(fixture.directory, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o700)
    #expect(info.st_mode & S_IFMT == S_IFDIR)
    _ = child.finish()
    #expect(child.process.terminationStatus == 0)
    #expect(AttachDirectory.listedPIDs(fixture.directory).isEmpty)
  }

  /// A call that began while the first viewer was attached and is still running when the
  /// second attaches comes first in the second stream, and what it calls hangs under it.
  @Test func callsOpenFromAnEarlierAttachAreAnnouncedAgain() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    var environment = fixture.environment
    environment["FLOWTRACE_PRINT"] = "0"
    let child = try ChildProcess(["waves", "6"], environment: environment)
    defer { child.kill() }
    #expect(fixture.waitForSocket(child.pid))
    let first = try fixture.attachAndRead(child.pid, seconds: 10) { events in
      guard let wave = events.callNames.firstIndex(of: "wave") else { return false }
      return events.callNames.count > wave + 20
    }
    let opened = first.calls.first { first.name(of: $0) == "wave" }
    #expect(opened != nil)
    let second = try fixture.attachAndRead(child.pid) { $0.callNames.count >= 30 }
    #expect(second.error == nil)
    let announced = second.calls.first
    #expect(announced.map { second.name(of: $0) } == "wave")
    #expect(announced?.id == opened?.id)
    #expect(announced?.parent == nil)
    // Everything after it runs inside it: one root.
    #expect(second.calls.count >= 30)
    #expect(second.calls.filter { $0.parent == nil }.count == 1)
  }

  /// The last `round N` the child printed.
  static func roundAfter(_ text: String) -> Int {
    text.split(separator: "\n").last { $0.hasPrefix("round ") }
      .flatMap { Int($0.dropFirst(6)) } ?? 0
  }
}
