import FlowTrace
import FlowTraceWire
import Foundation
import Testing

extension RuntimeSuite {
  /// Both sinks at once, in process, while threads and a task group record: the ThreadSanitizer
  /// pass runs this (recorders, collector, file sink, socket sink and the sink writer thread all
  /// live together here; in `SinkTests` the sinks run in child processes).
  @Suite struct RobustSinkConcurrencyTests {
    init() { Run.reset() }

    /// `fib(n)`'s call count.
    static func fibCalls(_ n: Int) -> Int { n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2) }

    /// Calls of this suite's functions in a decoded trace, and the losses it reports.
    static func ownCalls(_ trace: DecodedTrace) -> (calls: [String: Int], lost: UInt64) {
      var names: [UInt32: String] = [:]
      var calls: [String: Int] = [:]
      var lost: UInt64 = 0
      for event in trace.events {
        switch event {
        case .callSite(let site): names[site.id] = site.qualifiedName
        case .call(let call):
          if let name = names[call.site], Run.ours.contains(name) { calls[name, default: 0] += 1 }
        case .loss(let loss): lost += loss.count
        default: break
        }
      }
      return (calls, lost)
    }

    @Test func threadsAndTasksRecordToAFileAndASocketAtOnce() async throws {
      let path = temporaryPath("both.ftrace")
      defer { unlink(path) }
      let listener = Listener()
      let received = Received()
      let reader = Thread { received.bytes = listener.readAll() }
      reader.start()
      try FlowTrace.recordTrace(to: path)
      FlowTrace.streamTrace(to: listener.path)

      let threads = 4
      let roots = 200  // fib(5): 15 calls each
      let done = DispatchSemaphore(value: 0)
      for _ in 0..<threads {
        Thread {
          for index in 0..<roots {
            _ = fib(5)
            if index % 50 == 0 { FlowTrace.flushTrace() }  // pumps the sinks from this thread too
          }
          done.signal()
        }.start()
      }
      let total = await fanOut(16)
      for _ in 0..<threads { done.wait() }
      FlowTrace.closeTraceSinks()
      while !reader.isFinished { usleep(10_000) }

      // leaf(n) calls fib(n % 5).
      #expect(total == 21)
      let expectedFib =
        threads * roots * Self.fibCalls(5) + (0..<16).reduce(0) { $0 + Self.fibCalls($1 % 5) }
      let file = DecodedTrace(binary: readFile(path), source: path)
      #expect(file.error == nil)
      #expect(file.isEnded)
      let recorded = Self.ownCalls(file)
      #expect(recorded.calls["fib"] == expectedFib)
      #expect(recorded.calls["fanOut"] == 1)
      #expect(recorded.calls["leaf"] == 16)
      #expect(recorded.lost == 0)

      let stream = DecodedTrace(binary: received.bytes, source: listener.path)
      #expect(stream.error == nil)
      #expect(stream.isEnded)
      let streamed = Self.ownCalls(stream)
      // The socket may drop under pressure, but only counted: calls + losses cover them all.
      let streamedCalls = streamed.calls.values.reduce(0, +)
      #expect(streamedCalls > 0)
      #expect(UInt64(streamedCalls) + streamed.lost >= UInt64(expectedFib + 17))
    }
  }
}
