import FlowTraceWire
import Testing

/// `flowtrace import --from uftrace DIR` (issue 14, part 3): a hand-built data directory read
/// exactly, then directories recorded here by the real uftrace.
@Suite struct UftraceImportTests {
  static func fibThread() -> [UInt8] {
    typealias F = UftraceFixture
    return F.entry("main", 10, 0) + F.entry("fib", 20, 1, F.data(F.le(3)))
      + F.entry("fib", 30, 2, F.data(F.le(2))) + F.exit("fib", 40, 2, F.data(F.le(1)))
      + F.exit("fib", 50, 1, F.data(F.le(2)))
      + F.entry("add", 60, 1, F.data(Array(F.le(0xFFFF_FFFB).prefix(4)), F.le(255)))
      + F.exit("add", 70, 1) + F.exit("main", 80, 0)
  }

  @Test func recordsNestWithArgumentsAndReturnValuesPerThread() throws {
    typealias F = UftraceFixture
    let fixture = F()
    defer { fixture.cleanUp() }
    fixture.write("100.dat", Self.fibThread())
    var double: [UInt8] = []
    withUnsafeBytes(of: (2.5).bitPattern.littleEndian) { double = Array($0) }
    fixture.write(
      "101.dat",
      F.entry("greet", 15, 0, F.data(F.string("hi\n"), [0x63, 0, 0, 0], double))
        + F.exit("greet", 25, 0, F.data(F.string("bye"))))
    let (run, notes) = try fixture.run()
    #expect(
      run.outline == [
        "main()", "  fib(3) → 2", "    fib(2) → 1", "  add(-5, 0xff)",
        #"greet("hi\n", 'c', 2.500000) → "bye""#,
      ])
    #expect(notes.isEmpty, "\(notes)")
    #expect(run.events.contains(.thread(ThreadInfo(id: 2, name: "tid 101"))))
    // Times are the records' ns, from the earliest.
    let starts = run.events.compactMap { event -> UInt64? in
      if case .call(let call) = event { return call.timestamp }
      return nil
    }
    #expect(starts == [0, 10, 20, 50, 5])
  }

  @Test func valuesPrintAsUftraceReplayPrintsThemAndRegexSpecsMatch() throws {
    typealias F = UftraceFixture
    // `^a.d$` is a regex (as uftrace reads it); `fi` matches no name exactly.
    let fixture = F(argumentSpec: "^a.d$@arg1,arg2/o,arg3/u,arg4,arg5;fi@arg1", returnSpec: "")
    defer { fixture.cleanUp() }
    let values =
      F.le(0x7ffd_1000) + F.le(255) + F.le(200_000) + F.le(0xFFFF_FFFE)
      + F.le(UInt64(bitPattern: -3))
    fixture.write("100.dat", F.entry("add", 1, 0, F.data(values)) + F.exit("add", 2, 0))
    #expect(try fixture.run().run.outline == ["add(0x7ffd1000, 0377, 0x30d40, -2, -3)"])
    fixture.write("100.dat", F.entry("fib", 1, 0, F.data(F.le(1))) + F.exit("fib", 2, 0))
    #expect(fixture.error().message.contains("no -A/-R spec names it"))
  }

  @Test func aForkedChildReturnsFromItsParentsCalls() throws {
    typealias F = UftraceFixture
    let fixture = F()
    defer {
      fixture.remove("102.dat")
      fixture.cleanUp()
    }
    fixture.write(
      "task.txt",
      """
      SESS timestamp=1.000000000 pid=100 sid=abc exename="/tmp/app"
      TASK timestamp=1.000000001 tid=100 pid=100
      FORK timestamp=1.000000005 pid=102 ppid=100

      """)
    fixture.write("100.dat", F.entry("main", 1, 0) + F.entry("add", 2, 1) + F.exit("add", 6, 1))
    fixture.write(
      "102.dat",
      F.exit("add", 7, 1) + F.entry("greet", 8, 1) + F.exit("greet", 9, 1) + F.exit("main", 10, 0))
    let (run, notes) = try fixture.run()
    #expect(run.outline == ["main()", "  add()", "greet()"])
    #expect(
      notes.contains { $0.hasSuffix("102.dat: 2 exits of calls entered before the fork skipped") })
    #expect(run.events.contains(.thread(ThreadInfo(id: 2, name: "tid 102 (pid 102)"))))
  }
}
