import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// The socket sink's bounded buffer: what does not fit is dropped, counted, and reported.
  @Suite struct SocketLossTests {
    static let site = CallSite(id: 1, qualifiedName: "f", labels: ["_"], file: "f.swift", line: 1)

    @Test func overflowBeforeTheViewerBecomesALossRecord() {
      let path = temporaryPath("loss.sock")
      let header = TraceHeader(pid: 1, program: "test", arguments: [], startWallNanos: 0)
      let sink = SocketSink(
        path: path, header: header,
        definitions: [.callSite(Self.site), .thread(ThreadInfo(id: 1, name: "main"))])
      // About 8 MB of calls with no viewer: the 4 MB buffer keeps the first part only.
      let payload = String(repeating: "x", count: 200)
      var id: UInt64 = 0
      var batch: [TraceEvent] = []
      for _ in 0..<40_000 {
        id += 1
        batch.append(
          .call(
            CallStart(
              id: id, parent: nil, site: 1, thread: 1, task: 0, flags: [.args], timestamp: nil,
              args: [payload])))
        batch.append(.return(CallEnd(id: id, timestamp: nil, result: nil)))
      }
      sink.write(batch)
      #expect(sink.dropped > 0)
      let listener = Listener(path: path)
      sink.pump()
      // One more call after the buffer drained carries the loss record first.
      var tail: [TraceEvent] = []
      id += 1
      tail.append(
        .call(
          CallStart(
            id: id, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: nil,
            args: nil)))
      tail.append(.return(CallEnd(id: id, timestamp: nil, result: nil)))
      let received = Received()
      let reader = Thread { received.bytes = listener.readAll() }
      reader.start()
      for _ in 0..<100 where sink.pendingBytes > 0 {
        sink.pump()
        usleep(10_000)
      }
      sink.write(tail)
      sink.close()
      while !reader.isFinished { usleep(10_000) }
      let trace = DecodedTrace(binary: received.bytes, source: path)
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      let losses = trace.events.compactMap { event -> UInt64? in
        if case .loss(let loss) = event { return loss.count }
        return nil
      }
      let calls = trace.events.filter { if case .call = $0 { true } else { false } }.count
      #expect(losses.count == 1)
      #expect(UInt64(calls) + (losses.first ?? 0) == 40_001)
    }
  }
}

extension RuntimeSuite.SocketLossTests {
  /// A burst the viewer cannot take: the threads drop new calls at the source, the program
  /// does not wait, and the stream stays whole with every dropped call counted.
  @Test func aBurstTooFastForTheViewerDropsAtTheSourceAndStaysWhole() throws {
    let (trace, lost) = try streamToLateViewer(["burst", "150"])
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    let calls = RuntimeSuite.SinkTests.calls(trace.events)
    #expect(lost > 0)
    // 150 × fib(20), 21,891 calls each.
    #expect(UInt64(calls) + lost == 150 * 21_891)
    // Every kept call returns: the tree printer sees no call left open.
    let returns = trace.events.reduce(0) { count, event in
      if case .return = event { return count + 1 }
      return count
    }
    #expect(returns == calls)
  }
}

/// Runs the testee with `arguments` streaming to a viewer that starts reading `delay` µs late
/// (busy when the program starts), and returns what the viewer decoded with the number of
/// calls the stream's loss records count.
func streamToLateViewer(_ arguments: [String], delay: UInt32 = 300_000) throws -> (
  trace: DecodedTrace, lost: UInt64
) {
  let listener = Listener()
  let child = try ChildProcess(
    arguments, environment: ["FLOWTRACE_SOCKET": listener.path, "FLOWTRACE_PRINT": "0"])
  let received = Received()
  let reader = Thread {
    usleep(delay)
    received.bytes = listener.readAll()
  }
  reader.start()
  _ = child.finish()
  while !reader.isFinished { usleep(10_000) }
  let trace = DecodedTrace(binary: received.bytes, source: listener.path)
  let lost = trace.events.reduce(UInt64(0)) { total, event in
    if case .loss(let loss) = event { return total + loss.count }
    return total
  }
  return (trace, lost)
}

/// Bytes a reader thread received (behind a lock: the test reads them once the thread ends,
/// which ThreadSanitizer cannot see through `Thread.isFinished`).
final class Received: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [UInt8] = []
  var bytes: [UInt8] {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
