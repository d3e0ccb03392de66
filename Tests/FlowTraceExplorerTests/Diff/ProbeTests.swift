import FlowTraceExplorer
import FlowTraceWire
import Foundation
import Testing

/// The first difference found from the traces' beginnings is the one the whole traces give.
@Suite struct ProbeTests {
  static func file(_ program: DiffProgram, _ name: String, in dir: URL) throws -> TraceFile {
    var encoder = TraceEncoder()
    encoder.header(TraceHeader(pid: 1, program: "p", arguments: [], startWallNanos: 0))
    for event in program.events() { try encoder.encode(event) }
    try encoder.encode(.end)
    let url = dir.appendingPathComponent(name)
    try Data(encoder.takeBytes()).write(to: url)
    return try TraceFile.open(url.path)
  }

  @Test func probeAgreesWithTheWholeTraces() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var settled = 0
    for seed in 0..<60 {
      let a = DiffPropertyTests.program(seed: UInt64(seed))
      var b = a
      b.timeShift = 3
      var random = DiffPropertyTests.Random(state: UInt64(seed) &+ 1000)
      let thread = random.next(a.threads.count)
      let paths = DiffPropertyTests.paths(a.threads[thread].roots)
      let path = paths[random.next(paths.count)]
      DiffPropertyTests.modify(&b.threads[thread].roots, at: path) { list, i in
        if seed % 2 == 0 {
          list[i].result = "999"
          list[i].error = nil
        } else {
          list[i].children.insert(TestCall("inserted", [], nil), at: 0)
        }
      }
      let fileA = try Self.file(a, "a\(seed).ftrace", in: dir)
      let fileB = try Self.file(b, "b\(seed).ftrace", in: dir)
      let whole = TreeDiff.compare(LoadedTrace(fileA).tree, LoadedTrace(fileB).tree)
      let differs = whole.hasDifferences
      #expect(differs, "seed \(seed)")
      guard
        let early = FirstDifferenceProbe.find(
          fileA, fileB, options: DiffOptions(), startBytes: 32, maxShare: 1)
      else { continue }
      settled += 1
      let (earlyLines, wholeLines) = (early.firstDifferenceLines(), whole.firstDifferenceLines())
      #expect(earlyLines == wholeLines, "seed \(seed)")
    }
    // Most mutations sit inside a call that returns before the traces end.
    #expect(settled >= 20, "only \(settled) of 60 settled early")
  }
}
