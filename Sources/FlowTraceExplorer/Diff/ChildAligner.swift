/// Aligns the children of two paired nodes (the step every walk over a diff repeats), with
/// scratch buffers reused from pair to pair.
struct ChildAligner {
  var scratchA: [UInt32] = []
  var scratchB: [UInt32] = []

  /// Aligns the visible children of a pair and appends the steps to `ops` (as node ids).
  mutating func align(
    _ a: DiffSide, _ i: Int, _ b: DiffSide, _ j: Int, into ops: inout [AlignOp]
  ) {
    scratchA.removeAll(keepingCapacity: true)
    scratchB.removeAll(keepingCapacity: true)
    a.children(of: i, into: &scratchA)
    b.children(of: j, into: &scratchB)
    if scratchA.isEmpty && scratchB.isEmpty { return }
    ChildOrder.arrange(a, own: a.task(i), &scratchA, b, own: b.task(j), &scratchB)
    // Fast path: the same keys one for one.
    if scratchA.count == scratchB.count {
      var same = true
      for k in scratchA.indices where a.key(Int(scratchA[k])) != b.key(Int(scratchB[k])) {
        same = false
        break
      }
      if same {
        for k in scratchA.indices { ops.append(.match(Int(scratchA[k]), Int(scratchB[k]))) }
        return
      }
    }
    let steps = SequenceAligner.align(
      keysA: scratchA.map { a.key(Int($0)) }, keysB: scratchB.map { b.key(Int($0)) },
      namesA: scratchA.map { a.nameKey(Int($0)) }, namesB: scratchB.map { b.nameKey(Int($0)) })
    for step in steps {
      switch step {
      case .match(let x, let y): ops.append(.match(Int(scratchA[x]), Int(scratchB[y])))
      case .pair(let x, let y): ops.append(.pair(Int(scratchA[x]), Int(scratchB[y])))
      case .removed(let x): ops.append(.removed(Int(scratchA[x])))
      case .added(let y): ops.append(.added(Int(scratchB[y])))
      }
    }
  }
}
