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

/// Bytes a reader thread received.
final class Received: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [UInt8] = []

  /// Set by a reader thread, read once it finished: the lock orders the two (polling
  /// `Thread.isFinished` alone does not, and ThreadSanitizer reports the race).
  var bytes: [UInt8] {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
