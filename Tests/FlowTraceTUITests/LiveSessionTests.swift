import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the session's poll loop (as the app does) until `done` holds or 60 s pass (a hang guard,
/// generous enough for a sanitizer build).
@discardableResult
func livePump(
  _ session: LiveSession, _ tree: inout CallTree, messages: inout [String],
  until done: (CallTree) -> Bool
) -> Bool {
  let start = LiveSession.monotonicNanos()
  while LiveSession.monotonicNanos() - start < 60_000_000_000 {
    var fds = session.pollDescriptors()
    _ = poll(&fds, nfds_t(fds.count), session.hasBacklog ? 0 : 10)
    session.handle(fds)
    session.ingest(into: &tree, budget: .milliseconds(5))
    messages += session.takeMessages()
    if done(tree) && !session.hasBacklog { return true }
  }
  return false
}

@Suite("Live session")
struct LiveSessionTests {
  @Test func ingestsAStreamUnderItsProgramNode() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("s.sock")))
    let client = liveConnect(session.path)
    #expect(client >= 0)
    let events = LiveStreams.fibEvents(10)
    #expect(liveSend(client, LiveStreams.encode(LiveStreams.header("fibber", pid: 77), events)))
    var tree = CallTree()
    var messages: [String] = []
    let calls = LiveStreams.fibCalls(10)
    #expect(livePump(session, &tree, messages: &messages) { $0.callCount == calls })
    #expect(tree.programCount == 1)
    #expect(tree.program(0).name == "/usr/bin/fibber")
    #expect(tree.program(0).pid == 77)
    #expect(tree.program(0).state == .running)
    // Program root, then its thread, then the outermost call.
    let root = try #require(tree.roots.first)
    #expect(tree.kind(of: root) == .program)
    let thread = try #require(tree.firstChild(of: root))
    #expect(tree.kind(of: thread) == .thread)
    let top = try #require(tree.firstChild(of: thread))
    #expect(tree.callText(of: top).contains("fib(10)"))
    #expect(tree.result(of: top) == "55")
    // Closing without an end record: the program shows as disconnected.
    close(client)
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).state != .running })
    #expect(tree.program(0).state == .disconnected)
    #expect(messages.first == "fibber (pid 77) connected")
    #expect(messages.contains { $0.contains("fibber (pid 77) disconnected") })
  }

  @Test func runningCallsAndCleanEnd() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("r.sock")))
    let client = liveConnect(session.path)
    defer { close(client) }
    var events = LiveStreams.fibEvents(3)
    let open = TraceEvent.call(
      CallStart(
        id: 100, parent: nil, site: 1, thread: 1, task: 0, flags: [.args, .timing],
        timestamp: 500, args: ["99"]))
    events.append(open)
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("slow"))
    for event in events { try encoder.encode(event) }
    liveSend(client, encoder.takeBytes())
    var tree = CallTree()
    var messages: [String] = []
    let calls = LiveStreams.fibCalls(3) + 1
    #expect(livePump(session, &tree, messages: &messages) { $0.callCount == calls })
    let running = (0..<tree.count).filter {
      tree.kind(of: $0) == .call && tree.state(of: $0) == .running
    }
    #expect(running.count == 1)
    try encoder.encode(.return(CallEnd(id: 100, timestamp: 900, result: nil)))
    encoder.end()
    liveSend(client, encoder.takeBytes())
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).state == .exited })
    #expect(running.allSatisfy { tree.state(of: $0) == .returned })
    #expect(messages.first == "slow (pid 4242) connected")
    // An end record without an exit status: the program stopped streaming.
    #expect(messages.count == 2)
    #expect(messages.last?.hasPrefix("slow (pid 4242) ended its trace") == true)
  }

  @Test func garbageClientIsDroppedOthersCarryOn() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("g.sock")))
    let good = liveConnect(session.path)
    let bad = liveConnect(session.path)
    defer {
      close(good)
      close(bad)
    }
    liveSend(bad, Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
    liveSend(good, LiveStreams.encode(LiveStreams.header("good"), LiveStreams.fibEvents(5)))
    var tree = CallTree()
    var messages: [String] = []
    #expect(
      livePump(session, &tree, messages: &messages) {
        $0.callCount == LiveStreams.fibCalls(5) && session.connections.count == 2
          && session.connections.contains { $0.phase == .dropped }
      })
    #expect(messages.contains { $0.contains("not a FlowTrace stream") })
    #expect(tree.programCount == 1)
    #expect(tree.program(0).name.hasSuffix("good"))
    // The viewer closed the garbage client's socket.
    var byte: UInt8 = 0
    #expect(recv(bad, &byte, 1, 0) == 0)
  }

  @Test func thirtyTwoClientsAtOnce() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("m.sock")))
    var clients: [Int32] = []
    defer { for fd in clients { close(fd) } }
    for k in 0..<32 {
      let fd = liveConnect(session.path)
      #expect(fd >= 0)
      clients.append(fd)
      var events = LiveStreams.fibEvents(6)
      events.append(.end)
      liveSend(fd, LiveStreams.encode(LiveStreams.header("p\(k)", pid: Int32(1000 + k)), events))
    }
    var tree = CallTree()
    var messages: [String] = []
    let perProgram = LiveStreams.fibCalls(6)
    #expect(
      livePump(session, &tree, messages: &messages) {
        $0.programCount == 32 && $0.callCount == 32 * perProgram
      })
    let pids = Set((0..<tree.programCount).map { tree.program($0).pid })
    #expect(pids == Set((0..<32).map { Int32(1000 + $0) }))
    #expect((0..<tree.programCount).allSatisfy { tree.program($0).state == .exited })
    #expect(tree.roots.count == 32)
    #expect(messages.count { $0.hasSuffix(" connected") } == 32)
    #expect(messages.count { $0.contains(" ended its trace") } == 32)
  }

  @Test func clientKilledMidRecordLeavesUnfinishedCalls() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("k.sock")))
    let client = liveConnect(session.path)
    var events = LiveStreams.fibEvents(4)
    // Two open calls, then a record cut in half: what a SIGKILL mid-write leaves.
    events.append(
      .call(
        CallStart(
          id: 200, parent: nil, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
          args: ["7"])))
    events.append(
      .call(
        CallStart(
          id: 201, parent: 200, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
          args: ["6"])))
    let whole = LiveStreams.encode(LiveStreams.header("victim"), events)
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("victim"))
    for event in events { try encoder.encode(event) }
    try encoder.encode(
      .return(CallEnd(id: 201, timestamp: nil, result: String(repeating: "x", count: 300))))
    let longer = encoder.takeBytes()
    #expect(longer.count > whole.count + 100)
    liveSend(client, Array(longer[..<(whole.count + 40)]))
    close(client)
    var tree = CallTree()
    var messages: [String] = []
    #expect(livePump(session, &tree, messages: &messages) { $0.program(0).state == .disconnected })
    let unfinished = (0..<tree.count).filter {
      tree.kind(of: $0) == .call && tree.state(of: $0) == .unfinished
    }
    #expect(unfinished.count == 2)
    #expect(messages.contains { $0.contains("in the middle of a record") })
    // What `w` would save stops at the last complete record.
    #expect(session.connections.first?.completeByteCount == whole.count)
  }

  @Test func savedFilesHoldEachProgramsCompleteStream() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("w.sock")))
    let a = liveConnect(session.path)
    let b = liveConnect(session.path)
    defer {
      close(a)
      close(b)
    }
    let streamA = LiveStreams.encode(LiveStreams.header("alpha", pid: 11), LiveStreams.fibEvents(7))
    let streamB = LiveStreams.encode(LiveStreams.header("beta", pid: 12), LiveStreams.fibEvents(5))
    liveSend(a, streamA)
    liveSend(b, streamB)
    var tree = CallTree()
    var messages: [String] = []
    #expect(
      livePump(session, &tree, messages: &messages) {
        $0.callCount == LiveStreams.fibCalls(7) + LiveStreams.fibCalls(5)
      })
    let result = session.save(to: dir.path, tree: tree)
    #expect(result.files.count == 2)
    #expect(result.message.hasPrefix("saved 2 files"))
    #expect(liveReadFile(dir.file("flowtrace-alpha-11.ftrace")) == streamA)
    #expect(liveReadFile(dir.file("flowtrace-beta-12.ftrace")) == streamB)
    // Saving again never overwrites.
    let again = session.save(to: dir.path, tree: tree)
    #expect(again.files.contains(dir.file("flowtrace-alpha-11-2.ftrace")))
  }
}
