import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// A live app on a real socket, driven through the real loop on an in-memory terminal.
final class LiveHarness {
  let dir = LiveTempDir()
  let session: LiveSession
  let app: LiveApp
  let screen = ScreenBuffer(rows: 20, cols: 120)
  let runner: LiveRunner

  init() throws {
    session = LiveSession(listener: try LiveListener(path: dir.file("a.sock")))
    app = LiveApp(session: session, context: RenderContext(theme: Theme(name: "t"), ascii: false))
    app.saveDirectory = dir.path
    runner = LiveRunner(app: app, terminal: screen, inputFD: nil)
    runner.maxFramesPerSecond = 1000
  }

  deinit {
    session.shutdown()
    dir.remove()
  }

  var tree: CallTree { app.explorer.document.tree }
  var title: String { screen.line(0) }
  var status: String { screen.line(screen.size.rows - 2) }
  var message: String { screen.line(screen.size.rows - 1) }

  /// Steps the loop until `done` holds and a frame shows it (10 s at most).
  @discardableResult
  func run(until done: () -> Bool) -> Bool {
    let start = LiveSession.monotonicNanos()
    while LiveSession.monotonicNanos() - start < 10_000_000_000 {
      runner.step(maxWaitMs: 10)
      if done() && !session.hasBacklog {
        runner.drawNow()
        return true
      }
    }
    return false
  }

  /// Presses keys, one loop step each.
  func press(_ keys: Key...) {
    for key in keys {
      screen.pendingKeys.append(key)
      runner.step(maxWaitMs: 0)
    }
  }
}

@Suite("Live app")
struct LiveAppTests {
  @Test func followsPausesResumesAndSaves() throws {
    let h = try LiveHarness()
    #expect(h.run { true })
    #expect(h.title.contains("LIVE FOLLOW"))
    #expect(h.title.contains("waiting for programs"))
    #expect(h.message.contains("FLOWTRACE_SOCKET=\(h.session.path) ./your-program"))

    let client = liveConnect(h.session.path)
    defer { close(client) }
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("app", pid: 5))
    for event in LiveStreams.fibEvents(6) { try encoder.encode(event) }
    liveSend(client, encoder.takeBytes())
    let first = LiveStreams.fibCalls(6)
    #expect(h.run { h.tree.callCount == first })
    #expect(h.title.contains("\(first) calls"))
    #expect(h.title.contains("1 program, 1 running"))
    // Following: the cursor is on the newest (last) row.
    let rows = h.app.explorer.state.outline.rowCount
    #expect(h.app.explorer.state.cursor == rows - 1)
    #expect(h.status.hasSuffix("\(rows)/\(rows)  100%"))

    h.press(.char("k"))
    #expect(h.title.contains("LIVE PAUSED"))
    // More calls arrive: the paused cursor stays where it was.
    for event in LiveStreams.fibEvents(4, firstID: 1000).dropFirst(2) { try encoder.encode(event) }
    liveSend(client, encoder.takeBytes())
    let second = first + LiveStreams.fibCalls(4)
    #expect(h.run { h.tree.callCount == second })
    #expect(h.app.explorer.state.cursor == rows - 2)
    #expect(h.app.explorer.state.outline.rowCount > rows)

    h.press(.char("G"))
    #expect(h.title.contains("LIVE FOLLOW"))
    #expect(h.app.explorer.state.cursor == h.app.explorer.state.outline.rowCount - 1)
    h.press(.char("F"))
    #expect(h.title.contains("LIVE PAUSED"))
    h.press(.char("F"))
    #expect(h.title.contains("LIVE FOLLOW"))

    h.press(.char("w"))
    #expect(h.message.contains("saved \(h.dir.file("flowtrace-app-5.ftrace"))"))
    let saved = try #require(liveReadFile(h.dir.file("flowtrace-app-5.ftrace")))
    var tree = CallTree()
    var decoder = TraceDecoder()
    var visitor = EventVisitor { tree.append($0) }
    try decoder.feed(saved, into: &visitor)
    #expect(tree.callCount == second)
  }

  @Test func searchWhileDataArrivesPausesOnAJumpUp() throws {
    let h = try LiveHarness()
    let client = liveConnect(h.session.path)
    defer { close(client) }
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("srch"))
    for event in LiveStreams.fibEvents(5) { try encoder.encode(event) }
    liveSend(client, encoder.takeBytes())
    #expect(h.run { h.tree.callCount == LiveStreams.fibCalls(5) })
    h.press(.char("g"))  // to the top: pauses
    h.press(.char("/"), .char("f"), .char("i"), .char("b"), .char("("), .char("4"), .enter)
    #expect(h.title.contains("LIVE PAUSED"))
    #expect(h.status.contains("[1/1]"))
    // A new match arrives: the counter grows without moving the cursor.
    for event in LiveStreams.fibEvents(4, firstID: 500).dropFirst(2) { try encoder.encode(event) }
    liveSend(client, encoder.takeBytes())
    #expect(h.run { h.tree.callCount == LiveStreams.fibCalls(5) + LiveStreams.fibCalls(4) })
    #expect(h.status.contains("[1/2]"))
  }

  @Test func garbageClientMessageAndTheViewerCarriesOn() throws {
    let h = try LiveHarness()
    let bad = liveConnect(h.session.path)
    defer { close(bad) }
    liveSend(bad, Array("SSH-2.0-OpenSSH_9.2\r\n".utf8))
    #expect(h.run { h.session.connections.first?.phase == .dropped })
    #expect(h.message.contains("not a FlowTrace stream"))
    #expect(h.title.contains("waiting for programs"))
  }
}

@Suite("Live app, several threads")
struct LiveAppThreadTests {
  @Test func followSelectsTheNewestCallNotTheLastRow() throws {
    let h = try LiveHarness()
    let client = liveConnect(h.session.path)
    defer { close(client) }
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("threads"))
    try encoder.encode(
      .callSite(CallSite(id: 1, qualifiedName: "work", labels: ["_"], file: "", line: 0)))
    try encoder.encode(.thread(ThreadInfo(id: 1, name: "main")))
    try encoder.encode(.thread(ThreadInfo(id: 2, name: "worker")))
    func call(_ id: UInt64, thread: UInt32) throws {
      try encoder.encode(
        .call(
          CallStart(
            id: id, parent: nil, site: 1, thread: thread, task: 0, flags: [.args],
            timestamp: nil, args: ["\(id)"])))
      try encoder.encode(.return(CallEnd(id: id, timestamp: nil, result: nil)))
    }
    try call(1, thread: 2)
    try call(2, thread: 1)  // newest, on the first thread: not the last row
    liveSend(client, encoder.takeBytes())
    #expect(h.run { h.tree.callCount == 2 })
    let node = try #require(h.app.explorer.state.currentNode)
    #expect(h.tree.callText(of: node).contains("work(2)"))
    #expect(h.app.explorer.state.cursor < h.app.explorer.state.outline.rowCount - 1)
    #expect(h.title.contains("LIVE FOLLOW"))
  }
}
