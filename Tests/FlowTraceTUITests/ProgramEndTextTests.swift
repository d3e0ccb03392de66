import FlowTraceExplorer
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

/// The facts of a program's end and how they read.
@Suite struct ProgramEndTextTests {
  @Test func waitStatusesDecode() {
    #expect(ProgramEnd(waitStatus: 0, runTime: nil)?.cause == .exited(0))
    #expect(ProgramEnd(waitStatus: 3 << 8, runTime: nil)?.cause == .exited(3))
    #expect(ProgramEnd(waitStatus: 9, runTime: nil)?.cause == .killed(signal: 9))
    // A core-dumping SIGSEGV (0x80 set) is still the signal.
    #expect(ProgramEnd(waitStatus: 0x80 | 11, runTime: nil)?.cause == .killed(signal: 11))
    // Stopped by SIGSTOP: not an end.
    #expect(ProgramEnd(waitStatus: (19 << 8) | 0x7F, runTime: nil) == nil)
  }

  @Test func textReadsAsTheIssueSays() {
    let s = UInt64(1_000_000_000)
    #expect(
      ProgramEnd(cause: .exited(0), runTime: 12_400_000_000).text() == "exited 0 after 12.4 s")
    #expect(
      ProgramEnd(cause: .killed(signal: 9), runTime: 3 * s).text()
        == "killed by SIGKILL after 3.00 s")
    #expect(ProgramEnd(cause: .disconnected, runTime: nil).text() == "disconnected")
    #expect(ProgramEnd(cause: .ended, runTime: 125 * s).text() == "ended its trace after 2m05s")
    #expect(ProgramEnd.signalName(15) == "SIGTERM")
    #expect(ProgramEnd.signalName(31) == "SIGSYS")
    #expect(ProgramEnd.signalName(40) == "signal 40")
    #expect(ProgramEnd.signalName(0) == "signal 0")
  }

  @Test func zombieStatusIsReadAfterTheLastParenthesis() {
    // A command name with spaces and parentheses, state Z, exit_code 9 in field 52.
    var fields = ["Z"] + (4...51).map { String($0) } + ["9"]
    let stat = Array("123 (a) b (c)) \(fields.joined(separator: " "))\n".utf8)
    #expect(PeerExit.parseZombieStatus(stat: stat) == 9)
    fields[0] = "S"
    let running = Array("123 (a) \(fields.joined(separator: " "))\n".utf8)
    #expect(PeerExit.parseZombieStatus(stat: running) == nil)
    #expect(PeerExit.parseZombieStatus(stat: Array("123 (x) Z 1 2".utf8)) == nil)
  }

  @Test func aRealZombieShowsItsSignal() throws {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [
      strdup("sh"), strdup("-c"), strdup("kill -9 $$"), nil,
    ]
    defer { for p in argv { free(p) } }
    #expect(posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0)
    // Not reaped yet: a zombie whose status /proc shows.
    var status: Int32?
    for _ in 0..<500 where status == nil {
      status = PeerExit.zombieStatus(pid: pid)
      if status == nil { usleep(10_000) }
    }
    var reaped: Int32 = 0
    waitpid(pid, &reaped, 0)
    #expect(status == SIGKILL)
    #expect(reaped == SIGKILL)
    // Once reaped, nothing is left to read.
    #expect(PeerExit.zombieStatus(pid: pid) == nil)
  }
}
