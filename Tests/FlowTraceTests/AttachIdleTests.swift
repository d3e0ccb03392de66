import FlowTraceSystem
import FlowTraceWire
import Foundation
import Testing

/// After its viewer detaches, a program nobody is attached to costs nothing measurable: its
/// background writer (the thread named `flowtrace-sink`) sleeps instead of waking every
/// 10 ms. With tracing off a viewer that attaches again gets calls within half a second.
/// With autoPrint on the calls are recorded anyway and the writer keeps draining them (every
/// 100 ms, for the parked sink), so that the next viewer does not wait for all the records of
/// the detached time (a re-attach there also waits for a writer that a loaded machine leaves
/// behind: 0.6–8 s in a debug build beside two busy loops, 1.0–1.2 s with the old 10 ms
/// writer, so its time is not checked).
@Suite struct AttachIdleTests {
  /// `FLOWTRACE_PRINT` and the most wake-ups allowed in 2 s detached (every 10 ms: ~200).
  @Test(arguments: [("0", 6), ("1", 40)])
  func theWriterSleepsWhileNobodyIsAttachedAndWakesForTheNextViewer(
    print: String, limit: Int
  ) throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    var environment = fixture.environment
    // "0": nothing recorded unless a viewer is attached; "1": calls recorded for the trees
    // printed when `serve` ends (the parked sink follows them).
    environment["FLOWTRACE_PRINT"] = print
    let child = try ChildProcess(["serve", "5000"], environment: environment)
    defer { if child.process.isRunning { child.kill() } }
    #expect(child.wait(for: "round 10"))
    #expect(fixture.waitForSocket(child.pid))

    let first = try fixture.attachAndRead(child.pid) { $0.callNames.contains("session") }
    #expect(first.callNames.contains("session"))

    // Detached (the read closed the socket): give the program a moment to see it.
    usleep(300_000)
    let writer = try #require(Self.thread(named: "flowtrace-sink", of: child.pid))
    let before = try #require(Self.switches(child.pid, writer))
    let cpuBefore = try #require(Self.cpuTicks(child.pid, writer))
    usleep(2_000_000)
    let after = try #require(Self.switches(child.pid, writer))
    let cpuAfter = try #require(Self.cpuTicks(child.pid, writer))
    #expect(after - before <= limit, "the parked writer woke \(after - before) times in 2 s")
    if print == "1" {
      #expect(cpuAfter > cpuBefore, "the writer did not drain the calls while detached")
    }

    let started = Date()
    let second = try fixture.attachAndRead(child.pid) { $0.callNames.contains("session") }
    let took = Date().timeIntervalSince(started)
    #expect(second.callNames.contains("session"))
    if print == "0" {
      #expect(took <= 0.5, "the second viewer waited \(took) s for a call")
    }
  }

  /// A program that prints its trees (autoPrint, the default) and has been running one long
  /// traced call for seconds before its first viewer: the records of that call are read in
  /// the background as they pile up, so the first viewer does not wait for all of them.
  @Test func aFirstViewerOfALongRunningPrintingProgramGetsCallsAtOnce() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    var environment = fixture.environment
    environment["FLOWTRACE_PRINT"] = "1"
    let child = try ChildProcess(["serve", "100000"], environment: environment)
    defer { if child.process.isRunning { child.kill() } }
    #expect(child.wait(for: "round 10"))
    #expect(fixture.waitForSocket(child.pid))
    usleep(3_000_000)
    // No viewer yet: the writer thread reads the records in the background.
    let writer = try #require(
      Self.thread(named: "flowtrace-sink", of: child.pid), "no background writer before a viewer")
    #expect((Self.cpuTicks(child.pid, writer) ?? 0) > 0)
    let started = Date()
    let first = try fixture.attachAndRead(child.pid) { $0.callNames.contains("session") }
    let took = Date().timeIntervalSince(started)
    #expect(first.callNames.contains("session"))
    #expect(took <= 0.5, "the first viewer waited \(took) s for a call")
  }

  /// CPU time thread `tid` of `pid` used so far, in clock ticks (user + system, from
  /// `/proc/PID/task/TID/stat`).
  static func cpuTicks(_ pid: Int32, _ tid: String) -> Int? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    // After the name: state, then fields 4...; utime and stime are fields 14 and 15.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
      return nil
    }
    return user + system
  }

  /// The id of the thread of `pid` whose name is `name` (`/proc/PID/task/TID/comm`).
  static func thread(named name: String, of pid: Int32) -> String? {
    let tasks = "/proc/\(pid)/task"
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
    return ids.first { id in
      let comm = try? String(contentsOfFile: "\(tasks)/\(id)/comm", encoding: .utf8)
      return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name
    }
  }

  /// How many times thread `tid` of `pid` went to sleep so far (its voluntary context
  /// switches: each wait that ends in a wake-up is one; the preemptions of a thread with work
  /// to do on a loaded machine are not counted).
  static func switches(_ pid: Int32, _ tid: String) -> Int? {
    guard
      let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: {
        $0.hasPrefix("voluntary_ctxt_switches:")
      })
    else { return nil }
    return Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
  }
}
