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
}
