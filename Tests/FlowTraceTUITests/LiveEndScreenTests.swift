import FlowTraceExplorer
import FlowTraceWire
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// The whole live screen once programs ended: each program's row, the title and the message.
@Suite("Live end screen")
struct LiveEndScreenTests {
  @Test func rowsTitleAndMessageSayHowProgramsEnded() throws {
    let h = try LiveHarness()
    let first = liveConnect(h.session.path)
    let second = liveConnect(h.session.path)
    defer { close(first) }  // `second` is closed by the test itself, once
    var encoder = TraceEncoder()
    encoder.header(LiveStreams.header("alpha", pid: 11))
    for event in LiveStreams.fibEvents(2) { try encoder.encode(event) }
    encoder.end(exitStatus: 0)
    liveSend(first, encoder.takeBytes())
    #expect(h.run { h.tree.program(0).end != nil })
    liveSend(
      second, LiveStreams.encode(LiveStreams.header("beta", pid: 12), LiveStreams.fibEvents(1)))
    #expect(h.run { h.tree.programCount == 2 && h.tree.callCount == 4 })
    #expect(h.title.contains("2 programs, 1 running, 1 exited"))
    close(second)
    #expect(h.run { h.tree.program(1).end != nil })
    h.session.noteExit(pid: getpid(), waitStatus: SIGKILL)
    #expect(h.run { h.tree.program(1).end?.isKnown == true })
    // Fixed run times, so that the screen is the same on every run.
    h.app.explorer.state.document.tree.setEnd(
      ProgramEnd(cause: .exited(0), runTime: 12_400_000_000), program: 0)
    h.app.explorer.state.document.tree.setEnd(
      ProgramEnd(cause: .killed(signal: SIGKILL), runTime: 3_000_000_000), program: 1)
    h.runner.drawNow()
    // The message line's run time is the real one (milliseconds here).
    #expect(h.message.hasPrefix("beta (pid 12) killed by SIGKILL after "))
    let rows = h.screen.size.rows
    let shown = h.screen.text(of: Rect(row: 0, col: 0, rows: rows - 1, cols: h.screen.size.cols))
    let expected = """
       a.sock  4 calls · 2 programs, 0 running, 1 exited, 1 killed  LIVE FOLLOW · FLOWTRACE_SOCKET=DIR/a.sock
      ▾ /usr/bin/alpha [pid 11] · exited 0 after 12.4 s                      │ Args Result Timing Exception Thread Source
      └ ▾ thread 1 main                                                      │ #1: 1
        └ ▾ fib(2) → 1                                                 25 ns │
          ├   fib(1) → 1                                                5 ns │
          └   fib(0) → 0                                                5 ns │
      ▾ /usr/bin/beta [pid 12] · killed by SIGKILL after 3.00 s              │
      └ ▾ thread 1 main                                                      │
        └   fib(1) → 1                                                  5 ns │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
                                                                             │
       /usr/bin/beta [pid 12] › thread 1 main › fib                                                                 8/8  100%
      """
    #expect(shown.replacing(h.dir.path, with: "DIR") == expected)
  }
}
