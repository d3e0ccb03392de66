import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// How a live program ended (issue 14, part 2): the row, the title and the message line.
@Suite("Live program ends")
struct LiveEndTests {
  /// A header whose trace started `secondsAgo` before now (so the run time is known).
  static func header(_ name: String, pid: Int32, secondsAgo: Int64) -> TraceHeader {
    TraceHeader(
      pid: pid, program: "/usr/bin/\(name)", arguments: [name],
      startWallNanos: LiveSession.wallNanos() - secondsAgo * 1_000_000_000)
  }

  @Test func endRecordWithStatusReadsExitedAfterTheRunTime() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("e.sock")))
    let client = liveConnect(session.path)
    defer { close(client) }
    var encoder = TraceEncoder()
    encoder.header(Self.header("ender", pid: 31, secondsAgo: 2))
    for event in LiveStreams.fibEvents(4) { try encoder.encode(event) }
    encoder.end(exitStatus: 3)
    liveSend(client, encoder.takeBytes())
    var tree = CallTree()
    var messages: [String] = []
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).end != nil })
    let end = try #require(tree.program(0).end)
    #expect(end.cause == .exited(3))
    let runTime = try #require(end.runTime)
    #expect(runTime >= 2_000_000_000 && runTime < 30_000_000_000)
    #expect(messages.last?.hasPrefix("ender (pid 31) exited 3 after ") == true)
    #expect(session.title(follow: LiveFollow(), tree: tree).summary.contains("1 program, exited 3"))
  }

  /// A program named `name` streams a few calls, then closes its socket without an end
  /// record: the session, its tree and its messages once the end was seen.
  static func closedWithoutEnd(
    _ name: String, in dir: LiveTempDir
  ) throws -> (LiveSession, CallTree, [String]) {
    let session = LiveSession(listener: try LiveListener(path: dir.file("\(name).sock")))
    let client = liveConnect(session.path)
    liveSend(client, LiveStreams.encode(LiveStreams.header(name), LiveStreams.fibEvents(3)))
    var tree = CallTree()
    var messages: [String] = []
    #expect(livePump(session, &tree, messages: &messages) { $0.callCount > 0 })
    close(client)
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).end != nil })
    return (session, tree, messages)
  }

  @Test func closeWithoutEndOfALiveProcessStaysDisconnected() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    // The peer is this test process: alive, so nothing more can be learnt.
    let (_, tree, messages) = try Self.closedWithoutEnd("quitter", in: dir)
    #expect(tree.program(0).end?.cause == .disconnected)
    #expect(tree.program(0).state == .disconnected)
    #expect(messages.last == "quitter (pid 4242) disconnected without ending its trace")
  }

  @Test func waitStatusNotedByTheViewerNamesTheSignal() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    var (session, tree, messages) = try Self.closedWithoutEnd("victim", in: dir)
    #expect(tree.program(0).end?.cause == .disconnected)
    // What `--demo` does when it reaps its child: the row learns the signal.
    session.noteExit(pid: getpid(), waitStatus: SIGKILL)
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).end?.isKnown == true })
    #expect(tree.program(0).end?.cause == .killed(signal: SIGKILL))
    #expect(messages.last?.hasPrefix("victim (pid 4242) killed by SIGKILL after ") == true)
  }

  @Test func severalProgramsCountTheirEndsInTheTitle() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("t.sock")))
    let clients = (0..<3).map { _ in liveConnect(session.path) }
    // clients[1] is closed by the test itself: closing it again here could close another
    // test's descriptor that took the same number meanwhile (seen: `listen: Bad file descriptor`).
    defer { for (k, fd) in clients.enumerated() where k != 1 { close(fd) } }
    for (k, fd) in clients.enumerated() {
      var encoder = TraceEncoder()
      encoder.header(LiveStreams.header("p\(k)", pid: Int32(100 + k)))
      for event in LiveStreams.fibEvents(3) { try encoder.encode(event) }
      if k == 0 { encoder.end(exitStatus: 0) }
      liveSend(fd, encoder.takeBytes())
    }
    var tree = CallTree()
    var messages: [String] = []
    #expect(livePump(session, &tree, messages: &messages) { $0.programCount == 3 })
    close(clients[1])
    #expect(
      livePump(session, &tree, messages: &messages) { tree in
        (0..<3).count { tree.program($0).end != nil } == 2
      })
    let summary = session.title(follow: LiveFollow(), tree: tree).summary
    #expect(summary.contains("3 programs, 1 running, 1 exited, 1 disconnected"))
  }
}
