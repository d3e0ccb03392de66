/// Pairs the top-level nodes of two traces: threads by name (the n-th thread of a name in A
/// with the n-th of that name in B; ids are ignored, they depend on scheduling), then the
/// threads left over in order; loss markers and programs in order. The result lists A's
/// roots in order, each with its counterpart or alone, then B's roots without one.
enum RootMatcher {
  static func match(_ a: DiffSide, _ b: DiffSide) -> [AlignOp] {
    var rootsA: [UInt32] = []
    var rootsB: [UInt32] = []
    a.children(of: nil, into: &rootsA)
    b.children(of: nil, into: &rootsB)
    var partner = [Int?](repeating: nil, count: rootsA.count)
    var taken = [Bool](repeating: false, count: rootsB.count)
    // By name and rank among the threads of that name.
    var byName: [String: [Int]] = [:]
    for (j, node) in rootsB.enumerated() where b.tree.kind(of: Int(node)) == .thread {
      byName[threadName(b, Int(node)), default: []].append(j)
    }
    for (i, node) in rootsA.enumerated() where a.tree.kind(of: Int(node)) == .thread {
      let name = threadName(a, Int(node))
      guard !name.isEmpty, var queue = byName[name], !queue.isEmpty else { continue }
      let j = queue.removeFirst()
      byName[name] = queue
      partner[i] = j
      taken[j] = true
    }
    // The rest in order, kind by kind.
    for i in rootsA.indices where partner[i] == nil {
      let kind = a.tree.kind(of: Int(rootsA[i]))
      if let j = rootsB.indices.first(where: {
        !taken[$0] && b.tree.kind(of: Int(rootsB[$0])) == kind
      }) {
        partner[i] = j
        taken[j] = true
      }
    }
    var ops: [AlignOp] = []
    for (i, node) in rootsA.enumerated() {
      if let j = partner[i] {
        ops.append(.match(Int(node), Int(rootsB[j])))
      } else {
        ops.append(.removed(Int(node)))
      }
    }
    for (j, node) in rootsB.enumerated() where !taken[j] { ops.append(.added(Int(node))) }
    return ops
  }

  static func threadName(_ side: DiffSide, _ node: Int) -> String {
    side.tree.threadTable[Int(side.tree.refs[node])].name
  }
}
