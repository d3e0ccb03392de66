import FlowTraceWire
import Testing

@testable import FlowTraceExplorer

/// The compact per-node storage: chunked columns, 32-bit start times with exact fallbacks,
/// 16-bit context indices, shared argument records.
@Suite struct CompactColumnTests {
  @Test func chunkedColumnReadsBackAcrossChunksAndKeepsValueSemantics() {
    var column = Column<UInt32>()
    let n = Column<UInt32>.chunkSize * 2 + 77
    for k in 0..<n { column.append(UInt32(k &* 2_654_435_761 & 0xFFFF_FFFF)) }
    #expect(column.count == n)
    #expect(column.chunks.count == 3)
    for k in stride(from: 0, to: n, by: 997) {
      #expect(column[k] == UInt32(k &* 2_654_435_761 & 0xFFFF_FFFF))
    }
    let copy = column
    column[Column<UInt32>.chunkSize + 5] = 42
    #expect(column[Column<UInt32>.chunkSize + 5] == 42)
    #expect(copy[Column<UInt32>.chunkSize + 5] != 42)
    var pieces: [(Int, Int)] = []
    var sum: UInt64 = 0
    column.forEachPiece(in: 10..<n - 3) { first, elements in
      pieces.append((first, elements.count))
      for value in elements { sum &+= UInt64(value) }
    }
    #expect(pieces.map(\.0) == [10, Column<UInt32>.chunkSize, 2 * Column<UInt32>.chunkSize])
    #expect(pieces.reduce(0) { $0 + $1.1 } == n - 13)
    let expected = (10..<n - 3).reduce(UInt64(0)) { $0 &+ UInt64(column[$1]) }
    #expect(sum == expected)
  }

  @Test func startsAreExactNearAndFarFromTheirBlock() {
    var starts = StartColumn()
    // Close together, then far in the future, then before the block's base, then absent.
    let values: [UInt64] = [
      5_000_000_000, 5_000_000_007, 9_000_000_000_000, 1, StartColumn.noTime, 5_000_000_100,
      UInt64.max - 1, 0,
    ]
    for v in values { starts.append(v) }
    for (k, v) in values.enumerated() { #expect(starts[k] == v) }
    // Set later (a loss marker gets its time after it is appended), and overwritten.
    starts[4] = 4_999_999_999
    #expect(starts[4] == 4_999_999_999)
    starts[2] = 5_000_000_001
    #expect(starts[2] == 5_000_000_001)
    starts[2] = StartColumn.noTime
    #expect(starts[2] == StartColumn.noTime)
    // Many blocks.
    var many = StartColumn()
    for k in 0..<3_000 { many.append(UInt64(k) * 1_000_003_000) }
    for k in stride(from: 0, to: 3_000, by: 7) { #expect(many[k] == UInt64(k) * 1_000_003_000) }
  }

  @Test func contextIndicesPastSixteenBitsAreKept() {
    var column = IndexColumn()
    let values: [UInt32] = [0, 65_533, 65_534, 65_535, 70_000, 3, UInt32.max - 1]
    for v in values { column.append(v) }
    for (k, v) in values.enumerated() { #expect(column[k] == v) }
  }

  @Test func aTreeAcrossChunksWithFarApartProgramsReadsBackExactly() throws {
    var tree = CallTree()
    // Program 1's clock is hours ahead of program 0's: their calls share start blocks.
    let offsets: [UInt64] = [0, 3 * 3_600_000_000_000]
    var ids: [UInt64] = [0, 0]
    for program in 0..<2 {
      tree.append(
        .callSite(CallSite(id: 1, qualifiedName: "f", labels: ["_"], file: "F.swift", line: 1)),
        from: program)
    }
    let calls = Column<UInt32>.chunkSize + 1_000
    for k in 0..<calls {
      let program = k % 2
      ids[program] += 1
      let t = offsets[program] + UInt64(k) * 1_000
      tree.append(
        .call(
          CallStart(
            id: ids[program], parent: nil, site: 1, thread: 1, task: UInt64(k % 3),
            flags: [.args, .result, .timing], timestamp: t, args: [String(k % 5)])),
        from: program)
      tree.append(
        .return(CallEnd(id: ids[program], timestamp: t + 10, result: String(k % 7))),
        from: program)
    }
    #expect(tree.callCount == calls)
    var checked = 0
    for node in 0..<tree.count where tree.kind(of: node) == .call {
      let program = tree.program(of: node)
      let start = try #require(tree.start(of: node))
      let k = Int((start - offsets[program]) / 1_000)
      #expect(k % 2 == program)
      #expect(tree.duration(of: node) == 10)
      #expect(tree.arguments(of: node) == [String(k % 5)])
      #expect(tree.result(of: node) == String(k % 7))
      #expect(tree.taskID(of: node) == UInt64(k % 3))
      checked += 1
    }
    #expect(checked == calls)
    // Five distinct argument lists and seven results: a handful of shared records.
    #expect(tree.footprint.strings < 200)
  }
}
