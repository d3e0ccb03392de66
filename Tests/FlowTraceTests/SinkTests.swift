import FlowTrace
import FlowTraceText
import FlowTraceWire
import Foundation
import Testing

extension RuntimeSuite {
  /// File and socket sinks, with real child processes.
  @Suite struct SinkTests {
    init() { Run.reset() }

    static func calls(_ events: [TraceEvent]) -> Int {
      events.reduce(0) { count, event in
        if case .call = event { return count + 1 }
        return count
      }
    }

    @Test func childRecordsToAFileWhatItPrints() throws {
      let path = temporaryPath("child.ftrace")
      defer { unlink(path) }
      let child = try ChildProcess(["fib", "6"], environment: ["FLOWTRACE_OUT": path])
      let printed = child.finish()
      #expect(child.process.terminationStatus == 0)
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      #expect(trace.header?.program.hasSuffix("flowtrace-testee") == true)
      #expect(SinkTests.calls(trace.events) == 25 + 1 + 25)
      #expect(printed.hasPrefix("→ fib(6)\n"))
      #expect(TreeTextPrinter.render(trace.events) == printed)
    }

    @Test func childStreamsToAListeningSocket() throws {
      let listener = Listener()
      let child = try ChildProcess(["fib", "5"], environment: ["FLOWTRACE_SOCKET": listener.path])
      let bytes = listener.readAll()
      let printed = child.finish()
      #expect(child.process.terminationStatus == 0)
      let trace = DecodedTrace(binary: bytes, source: listener.path)
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      #expect(TreeTextPrinter.render(trace.events) == printed)
    }

    /// A program that configures FlowTrace (autoPrint off) before its first traced call still
    /// starts the sinks its environment asks for.
    @Test func sinksStartWhenTheProgramConfiguresFirst() throws {
      let path = temporaryPath("quiet.ftrace")
      defer { unlink(path) }
      let listener = Listener()
      let child = try ChildProcess(
        ["quiet", "4"], environment: ["FLOWTRACE_OUT": path, "FLOWTRACE_SOCKET": listener.path])
      let streamed = DecodedTrace(binary: listener.readAll(), source: listener.path)
      #expect(child.finish() == "done\n")
      let recorded = DecodedTrace(binary: readFile(path), source: path)
      for trace in [recorded, streamed] {
        #expect(trace.error == nil)
        #expect(SinkTests.calls(trace.events) == 9)
      }
    }

    @Test func slowViewerGetsAWholeStreamWithLossesCounted() throws {
      let (trace, lost) = try streamToLateViewer(["fib", "22"])
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      // fib(22) makes 57,313 calls and step(22) 1 + fib(2)'s 3.
      #expect(UInt64(SinkTests.calls(trace.events)) + lost == 57_313 + 4)
    }

    @Test func sigkillLeavesAReadablePrefix() throws {
      let path = temporaryPath("killed.ftrace")
      defer { unlink(path) }
      let child = try ChildProcess(
        ["forever"], environment: ["FLOWTRACE_OUT": path, "FLOWTRACE_PRINT": "0"])
      #expect(child.wait(for: "progress 2000"))
      usleep(300_000)  // more than the 100 ms flush period
      child.kill()
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.header != nil)
      #expect(!trace.isEnded)
      #expect(SinkTests.calls(trace.events) > 2000)
      // Whatever prefix was kept prints as well-formed tree lines.
      let lines = TreeTextPrinter.render(trace.events).split(separator: "\n")
      #expect(lines.count > 2000)
      #expect(
        lines.allSatisfy {
          $0.trimmingCharacters(in: .whitespaces).first == "→"
            || $0.trimmingCharacters(in: .whitespaces).first == "←"
        })
    }

    @Test func listenerAppearingLateGetsAStream() throws {
      let path = temporaryPath("late.sock")
      let child = try ChildProcess(
        ["forever"], environment: ["FLOWTRACE_SOCKET": path, "FLOWTRACE_PRINT": "0"])
      defer { child.kill() }
      #expect(child.wait(for: "progress 3000"))
      let late = Listener(path: path)
      let bytes = late.readAll(limit: 1 << 16)
      let trace = DecodedTrace(binary: bytes, source: path)
      #expect(trace.header != nil)
      #expect(SinkTests.calls(trace.events) > 0)
      let lines = child.text.split(separator: "\n")
      #expect(lines.last?.hasPrefix("progress") == true)
    }

    @Test func sessionStopFlushesTheFileSink() throws {
      let path = temporaryPath("session.ftrace")
      defer { unlink(path) }
      try FlowTrace.recordTrace(to: path)
      let events = Run.own(withTracing(showArgs: true) { _ = fib(4) })
      let trace = DecodedTrace(binary: readFile(path), source: path)
      FlowTrace.closeTraceSinks()
      #expect(trace.error == nil)
      #expect(SinkTests.calls(trace.events) >= 9)
      #expect(TreeTextPrinter.render(trace.events).contains(treeText(events)))
    }
  }
}
