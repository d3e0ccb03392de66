import FlowTraceWire
import Testing

/// Bad uftrace data: one error naming the file and byte offset, or (a cut file) the valid
/// prefix with a note saying where it ends; never a crash or a silently wrong tree.
@Suite struct UftraceImportErrorTests {
  typealias F = UftraceFixture

  /// The error of importing a directory whose thread 100 holds `records`.
  static func error(_ records: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
    -> TraceFormatError
  {
    let fixture = F()
    defer { fixture.cleanUp() }
    fixture.write("100.dat", records)
    return fixture.error(sourceLocation: sourceLocation)
  }

  @Test func badRecordMagicNamesFileAndOffset() {
    let error = Self.error(F.entry("main", 1, 0) + F.record(0, "fib", time: 2, depth: 1, magic: 3))
    #expect(error.source.hasSuffix("/100.dat") && error.offset == 16, "\(error)")
    #expect(error.message.contains("bad record magic 3"), "\(error)")
  }

  @Test func unknownAddressIsAnError() {
    let error = Self.error(
      F.entry("main", 1, 0) + F.record(0, "x", time: 2, depth: 1, address: 0x1234))
    #expect(error.offset == 16 && error.message.contains("address 0x1234 is in no function"))
  }

  @Test func exitOfAnotherCallIsAnError() {
    var error = Self.error(F.entry("main", 1, 0) + F.exit("fib", 2, 0, F.data(F.le(1))))
    #expect(error.offset == 16, "\(error)")
    #expect(error.message.contains("an exit of fib at depth 0, but the open call is main"))
    error = Self.error(F.exit("main", 2, 0))
    #expect(error.offset == 0 && error.message.contains("no call is open"), "\(error)")
  }

  @Test func dataWithoutASpecIsAnError() {
    let error = Self.error(F.entry("main", 1, 0, F.data(F.le(7))))
    #expect(error.message.contains("data follows a record of main but no -A/-R spec"))
  }

  @Test func timeGoingBackwardsIsAnError() {
    let error = Self.error(F.entry("main", 9, 0) + F.exit("main", 3, 0))
    #expect(error.offset == 16 && error.message.contains("time goes backwards"), "\(error)")
  }

  @Test func missingFilesAreNamed() {
    for name in ["info", "task.txt", "sid-abc.map"] {
      let fixture = F()
      defer { fixture.cleanUp() }
      fixture.write("100.dat", F.entry("main", 1, 0))
      fixture.remove(name)
      let error = fixture.error()
      #expect(error.source == fixture.path + "/" + name, "\(error)")
      #expect(error.message.contains("No such file"), "\(error)")
    }
    let fixture = F()
    defer { fixture.cleanUp() }
    #expect(fixture.error().message.contains("no <tid>.dat file"))
    fixture.write("info", "Gtrace!")
    let error = fixture.error()
    #expect(error.source.hasSuffix("/info") && error.message.contains("no Ftrace! magic"))
  }

  @Test func aThreadWithoutATaskLineIsAnError() {
    let fixture = F()
    defer {
      fixture.remove("102.dat")
      fixture.cleanUp()
    }
    fixture.write("102.dat", F.entry("main", 1, 0))
    #expect(fixture.error().message.contains("no TASK line for tid 102"))
  }

  @Test func aCutFileKeepsItsValidPrefixAndSaysWhere() throws {
    let fixture = F()
    defer { fixture.cleanUp() }
    let whole = UftraceImportTests.fibThread()
    fixture.write("100.dat", Array(whole.prefix(40 + 7)))  // main, fib(3), 7 bytes of fib(2)
    var (run, notes) = try fixture.run()
    #expect(run.outline == ["main()", "  fib(3)"])
    #expect(
      notes.first == fixture.path
        + "/100.dat: byte 40: the file ends inside a record: read up to there")
    #expect(notes.contains { $0.contains("2 calls have no end") }, "\(notes)")
    // Cut inside the values after a record.
    fixture.write("100.dat", Array(whole.prefix(40 + 16 + 3)))
    (run, notes) = try fixture.run()
    #expect(run.outline == ["main()", "  fib(3)"])
    #expect(notes.first?.contains("byte 40: the file ends inside the values") == true, "\(notes)")
  }
}
