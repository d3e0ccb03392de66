import FlowTrace
import FlowTraceWire
import Foundation
import Testing

extension RuntimeSuite {
  /// The end record says how the program exited (issue 14: the live viewer shows it).
  @Suite struct ExitStatusTests {
    init() { Run.reset() }

    @Test(arguments: [0, 3])
    func fileEndRecordCarriesTheExitStatus(status: Int) throws {
      let path = temporaryPath("exit\(status).ftrace")
      defer { unlink(path) }
      let child = try ChildProcess(["exit", String(status)], environment: ["FLOWTRACE_OUT": path])
      _ = child.finish()
      #expect(child.process.terminationStatus == Int32(status))
      let trace = DecodedTrace(binary: readFile(path), source: path)
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      #expect(trace.exitStatus == Int32(status))
    }

    @Test func socketEndRecordCarriesTheExitStatus() throws {
      let listener = Listener()
      let child = try ChildProcess(["exit", "5"], environment: ["FLOWTRACE_SOCKET": listener.path])
      let bytes = listener.readAll()
      _ = child.finish()
      #expect(child.process.terminationStatus == 5)
      let trace = DecodedTrace(binary: bytes, source: listener.path)
      #expect(trace.error == nil)
      #expect(trace.exitStatus == 5)
    }

    @Test func killedProgramHasNoEndRecord() throws {
      let listener = Listener()
      let child = try ChildProcess(["forever"], environment: ["FLOWTRACE_SOCKET": listener.path])
      #expect(child.wait(for: "progress 1000"))
      child.kill()
      let trace = DecodedTrace(binary: listener.readAll(), source: listener.path)
      #expect(!trace.isEnded)
      #expect(trace.exitStatus == nil)
    }
  }
}
