import Testing

@testable import FlowTraceExplorer

/// The outline's row list: stores nothing while rows are nodes 0, 1, 2, …, and behaves like
/// an array of node indices whatever happens to it.
@Suite struct RowListTests {
  static func contents(_ rows: RowList) -> [UInt32] { (0..<rows.count).map { rows[$0] } }

  @Test func staysIdentityWhileRowsAreTheNodesInOrder() {
    var rows = RowList()
    for k in 0..<100 { rows.append(UInt32(k)) }
    rows.append(contentsOf: [100, 101])
    rows.removeSubrange(90..<102)
    rows.insert(contentsOf: [90, 91], at: 90)
    #expect(rows.isIdentity)
    #expect(Self.contents(rows) == Array(0..<92))
    #expect(rows.firstIndex(of: 50) == 50)
    #expect(rows.firstIndex(of: 92) == nil)
  }

  @Test func everyEditMatchesAnArray() {
    var rows = RowList()
    var model: [UInt32] = []
    func check() { #expect(Self.contents(rows) == model) }
    for k in 0..<20 {
      rows.append(UInt32(k))
      model.append(UInt32(k))
    }
    rows.removeSubrange(5..<8)
    model.removeSubrange(5..<8)
    #expect(!rows.isIdentity)
    check()
    rows.insert(contentsOf: [5, 6], at: 5)
    model.insert(contentsOf: [5, 6], at: 5)
    check()
    rows.append(99)
    model.append(99)
    check()
    #expect(rows.firstIndex(of: 99) == model.firstIndex(of: 99))
    #expect(rows.firstIndex(of: 6, in: 0..<5) == nil)
    #expect(rows.firstIndex(of: 6, in: 0..<10) == 6)
    var copied: [UInt32] = []
    rows.copy(3..<9, to: &copied)
    #expect(copied == Array(model[3..<9]))
    rows.removeAll()
    #expect(rows.isIdentity && rows.count == 0)
  }

  @Test func blocksInsertInPlaceAsASequenceOfInserts() {
    for identity in [true, false] {
      var rows = RowList()
      var model: [UInt32] = []
      for k in 0..<30 {
        let node = identity ? UInt32(k) : UInt32(100 - k)
        rows.append(node)
        model.append(node)
      }
      let blocks: [(at: Int, nodes: [UInt32])] = [
        (0, [200]), (7, [201, 202]), (7, [203]), (18, []), (29, [204, 205, 206]), (30, [207]),
      ]
      rows.insert(blocks: blocks)
      for block in blocks.reversed() { model.insert(contentsOf: block.nodes, at: block.at) }
      #expect(Self.contents(rows) == model)
    }
    // One block at the end of identity rows keeps them identity.
    var rows = RowList()
    for k in 0..<10 { rows.append(UInt32(k)) }
    rows.insert(blocks: [(10, [10, 11])])
    #expect(rows.isIdentity && rows.count == 12)
  }

  @Test func manySegmentsMatchAnArrayThroughRandomEdits() {
    var rows = RowList()
    var model: [UInt32] = []
    for k in 0..<100_000 {
      rows.append(UInt32(k))
      model.append(UInt32(k))
    }
    var seed: UInt64 = 42
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(max(1, n)))
    }
    for step in 0..<400 {
      let fresh = UInt32(1_000_000 + step * 100_000)
      switch next(5) {
      case 0:
        let at = next(model.count + 1)
        let size = next(8) == 0 ? RowList.segmentSize * 2 + next(5_000) : next(2_000)
        let nodes = (0..<size).map { fresh + UInt32($0) }
        rows.insert(contentsOf: nodes, at: at)
        model.insert(contentsOf: nodes, at: at)
      case 1:
        let a = next(model.count)
        let b = min(model.count, a + next(next(4) == 0 ? 80_000 : 3_000))
        rows.removeSubrange(a..<b)
        model.removeSubrange(a..<b)
      case 2:
        let ats = (0..<4).map { _ in next(model.count + 1) }.sorted()
        let blocks = ats.enumerated().map { k, at in
          (at: at, nodes: (0..<next(300)).map { fresh + UInt32(k * 1_000 + $0) })
        }
        rows.insert(blocks: blocks)
        for block in blocks.reversed() { model.insert(contentsOf: block.nodes, at: block.at) }
      default:
        rows.append(fresh)
        model.append(fresh)
      }
      #expect(rows.count == model.count)
      if !model.isEmpty {
        let probe = next(model.count)
        #expect(rows[probe] == model[probe])
      }
    }
    var all: [UInt32] = []
    rows.copy(0..<rows.count, to: &all)
    #expect(all == model)
    for probe in stride(from: 0, to: model.count, by: 977) {
      #expect(rows[probe] == model[probe])
      #expect(rows.firstIndex(of: model[probe]) == model.firstIndex(of: model[probe]))
      let window = max(0, probe - 100)..<min(model.count, probe + 100)
      #expect(
        rows.firstIndex(of: model[probe], in: window)
          == model[window].firstIndex(of: model[probe]))
    }
  }
}
