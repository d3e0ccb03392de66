import Testing

@testable import FlowTraceExplorer

/// The 16-bit link column (distances, exceptions, chunks gone wide), the block-uniform
/// context column and the 8-bit depth column read back exactly what was stored, compared with plain arrays.
@Suite struct LinkColumnTests {
  /// A deterministic generator (xorshift).
  struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  /// A link of `node`: none, near, just in and out of 16-bit reach, or anywhere.
  static func link(of node: Int, forward: Bool, _ rng: inout Rng) -> UInt32 {
    let distance: Int
    switch rng.below(10) {
    case 0: return CallTree.none
    case 1: distance = Int(LinkColumn.far) - 1 + rng.below(3)  // at the edge of reach
    case 2: return UInt32(rng.below(1 << 24))  // anywhere, even the wrong way
    default: distance = rng.below(300)
    }
    let value = forward ? node + distance : node - distance
    return value < 0 ? CallTree.none : UInt32(value)
  }

  @Test(arguments: [false, true])
  func linksReadBackAcrossChunksWithFarLinksAndChanges(forward: Bool) {
    var rng = Rng(state: forward ? 7 : 11)
    var column = LinkColumn(forward: forward)
    var plain: [UInt32] = []
    let n = LinkColumn.chunkSize * 2 + 123
    for node in 0..<n {
      let value = Self.link(of: node, forward: forward, &rng)
      column.append(value)
      plain.append(value)
    }
    // Links set later (a child or sibling arrives), also back to near or none.
    for _ in 0..<20_000 {
      let node = rng.below(n)
      let value = Self.link(of: node, forward: forward, &rng)
      column[node] = value
      plain[node] = value
    }
    #expect(column.count == n)
    expectReadsAs(plain.prefix(n)) { column[$0] }
    // Never more than plain 32-bit links (chunks with many far links went wide).
    #expect(column.byteCount <= n * 4)
    // Links within reach take 2 bytes a node.
    var near = LinkColumn(forward: forward)
    for node in 0..<n { near.append(forward ? UInt32(node + 1) : UInt32(max(0, node - 1))) }
    #expect(near.byteCount == n * 2)
  }

  @Test func aChunkOfMostlyFarLinksGoesWideAndStaysExact() {
    var column = LinkColumn(forward: false)
    var plain: [UInt32] = []
    var rng = Rng(state: 3)
    for node in 0..<(LinkColumn.chunkSize * 2 + 500) {
      // From the second chunk on, parents far behind: every link is an exception.
      let value =
        node < LinkColumn.chunkSize ? CallTree.none : UInt32(rng.below(node - 65_535))
      column.append(value)
      plain.append(value)
    }
    for node in stride(from: 0, to: plain.count, by: 3) {
      column[node] = UInt32(node / 2)
      plain[node] = UInt32(node / 2)
    }
    expectReadsAs(plain) { column[$0] }
  }

  @Test func contextsInRunsAndInterleavedReadBackExactly() {
    var column = ContextColumn()
    var plain: [UInt32] = []
    var rng = Rng(state: 5)
    var value: UInt32 = 0
    for k in 0..<100_000 {
      // Long runs first, then contexts changing every few nodes, some past 16 bits.
      if k < 50_000 ? rng.below(1_000) == 0 : rng.below(3) == 0 {
        value = rng.below(20) == 0 ? UInt32(70_000 + rng.below(10)) : UInt32(rng.below(8))
      }
      column.append(value)
      plain.append(value)
    }
    #expect(column.count == plain.count)
    expectReadsAs(plain) { column[$0] }
  }

  @Test func depthsNearAndFarFromTheirBlockReadBackExactly() {
    var column = DepthColumn()
    var plain: [UInt16] = []
    var rng = Rng(state: 9)
    var depth: UInt16 = 0
    for _ in 0..<100_000 {
      // Calls one deeper, returns of a few levels, and now and then a jump of hundreds (a
      // return from deep recursion, another thread) up to the saturated maximum.
      switch rng.below(50) {
      case 0: depth = UInt16(rng.below(Int(UInt16.max) + 1))
      case 1...20: depth = depth < .max ? depth + 1 : depth
      default: depth -= min(depth, UInt16(rng.below(3)))
      }
      column.append(depth)
      plain.append(depth)
    }
    #expect(column.count == plain.count)
    expectReadsAs(plain) { column[$0] }
  }
}

/// Records the first node a column reads otherwise than the plain array written beside it.
func expectReadsAs<Values: RandomAccessCollection>(
  _ plain: Values, _ read: (Int) -> Values.Element
) where Values.Element: Equatable, Values.Index == Int {
  for node in plain.indices where read(node) != plain[node] {
    Issue.record("node \(node): \(read(node)) != \(plain[node])")
    return
  }
}
