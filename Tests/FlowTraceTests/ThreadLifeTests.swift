import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// Threads named after their first traced call, and the buffers of threads that ended.
  @Suite struct ThreadLifeTests {
    init() { Run.reset() }

    /// Runs `body` on a new thread and waits for the thread to end.
    static func onThread(_ body: @escaping @Sendable () -> Void) {
      let box = Unmanaged.passRetained(Body(body)).toOpaque()
      var thread = pthread_t()
      pthread_create(
        &thread, nil,
        { raw in
          Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
          return nil
        }, box)
      pthread_join(thread, nil)
    }

    final class Body: @unchecked Sendable {
      let run: () -> Void
      init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Names the calling thread in the kernel (what `pthread_setname_np` does).
    static func nameThisThread(_ name: String) {
      let fd = open("/proc/thread-self/comm", O_WRONLY)
      guard fd >= 0 else { return }
      _ = name.withCString { write(fd, $0, strlen($0)) }
      close(fd)
    }

    @Test func aThreadNamedAfterItsFirstCallShowsItsName() throws {
      let path = temporaryPath("named.ftrace")
      defer { unlink(path) }
      FlowTrace.config(autoPrint: false)  // else a root's end reads the thread at once
      try FlowTrace.record(to: path)
      Self.onThread {
        _ = fib(3)  // the recorder is made here, under the inherited name
        Self.nameThisThread("late-named")
        _ = fib(2)
      }
      FlowTrace.closeSinks()
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.error == nil)
      let names = trace.events.compactMap { event -> String? in
        if case .thread(let info) = event { return info.name }
        return nil
      }
      #expect(names.contains("late-named"))
    }

    @Test func anEndedThreadsBufferIsFreedOnceRead() throws {
      let path = temporaryPath("ended.ftrace")
      defer { unlink(path) }
      try FlowTrace.record(to: path)
      Self.onThread { _ = fib(5) }
      FlowTrace.flush()
      // The thread is gone and every record of it was read: its chunk is released.
      let ended = Registry.shared.snapshot().filter { $0.exited.load(ordering: .acquiring) }
      #expect(!ended.isEmpty)
      #expect(ended.allSatisfy { $0.readChunk === RecordChunk.finished })
      FlowTrace.closeSinks()
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.error == nil)
      #expect(SinkTests.calls(trace.events) >= 15)
    }
  }
}
