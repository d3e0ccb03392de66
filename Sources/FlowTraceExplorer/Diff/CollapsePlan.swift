/// Which calls of two digested traces (`TraceDigest`) need not be built for the diff: pairs
/// of subtrees that the aligner is certain to pair and that hash alike. Such a pair is built
/// as its top call alone (`PrunedTreeBuilder`), weighted with its subtree's call count.
///
/// Certain to pair: threads matched by name (unique names) or the only thread of each trace,
/// and, in two paired sibling lists, the common prefix of equal keys and, after it, the common
/// suffix of equal keys, both of which `SequenceAligner` (and `ChildAligner`'s fast path)
/// match position by position. Pairs there with different hashes are walked into in turn;
/// the middle of the lists (where Myers decides) is built whole.
struct CollapsePlan {
  /// Per space of each trace: (ordinal, subtree size) of the calls built alone, ascending.
  var a: [[(ordinal: Int, size: Int)]]
  var b: [[(ordinal: Int, size: Int)]]
  /// Every thread paired and every top-level call alike: the traces agree.
  var identical = false

  /// `walkAlike`: plan the pruning even when the traces agree (the explorer shows the
  /// top-level calls then).
  init(_ x: TraceDigest, _ y: TraceDigest, walkAlike: Bool = false) {
    a = Array(repeating: [], count: x.spaces.count)
    b = Array(repeating: [], count: y.spaces.count)
    var work: [(sa: Int, la: [Int], sb: Int, lb: [Int])] = []
    let pairs = Self.threadPairs(x, y)
    var allAlike = pairs.count == x.threads.count && pairs.count == y.threads.count
    for (ta, tb) in pairs {
      let sa = x.spaceIndex[.init(thread: ta, task: 0)]
      let sb = y.spaceIndex[.init(thread: tb, task: 0)]
      guard !x.complexThreads.contains(ta), !y.complexThreads.contains(tb) else {
        allAlike = false
        continue
      }
      let la = sa.map { Self.roots(x.spaces[$0]) } ?? []
      let lb = sb.map { Self.roots(y.spaces[$0]) } ?? []
      guard let sa, let sb else {
        if !la.isEmpty || !lb.isEmpty { allAlike = false }
        continue
      }
      if la.count != lb.count
        || zip(la, lb).contains(where: {
          x.spaces[sa].nodes[$0].hash == 0
            || x.spaces[sa].nodes[$0].hash != y.spaces[sb].nodes[$1].hash
        })
      {
        allAlike = false
      }
      work.append((sa, la, sb, lb))
    }
    identical = allAlike
    if identical && !walkAlike { return }
    while let (sa, la, sb, lb) = work.popLast() {
      let spaceA = x.spaces[sa]
      let spaceB = y.spaces[sb]
      for (i, j) in Self.certainPairs(spaceA, la, spaceB, lb) {
        let hash = spaceA.nodes[i].hash
        if hash != 0 && hash == spaceB.nodes[j].hash {
          if spaceA.nodes[i].size > 1 {
            a[sa].append((i, Int(spaceA.nodes[i].size)))
            b[sb].append((j, Int(spaceB.nodes[j].size)))
          }
        } else if !spaceA.mixed.contains(i) && !spaceB.mixed.contains(j) {
          work.append((sa, Self.children(spaceA, i), sb, Self.children(spaceB, j)))
        }
      }
    }
    for s in a.indices { a[s].sort { $0.ordinal < $1.ordinal } }
    for s in b.indices { b[s].sort { $0.ordinal < $1.ordinal } }
  }

  /// Positions of two sibling lists the aligner matches one to one whatever else the lists
  /// hold: the common prefix of equal keys, then the common suffix of the rest.
  static func certainPairs(
    _ x: TraceDigest.Space, _ la: [Int], _ y: TraceDigest.Space, _ lb: [Int]
  ) -> [(Int, Int)] {
    var out: [(Int, Int)] = []
    let n = min(la.count, lb.count)
    var start = 0
    while start < n && x.nodes[la[start]].key == y.nodes[lb[start]].key {
      out.append((la[start], lb[start]))
      start += 1
    }
    var k = 1
    while start + k <= n && x.nodes[la[la.count - k]].key == y.nodes[lb[lb.count - k]].key {
      out.append((la[la.count - k], lb[lb.count - k]))
      k += 1
    }
    return out
  }

  /// The top-level calls of a space.
  static func roots(_ space: TraceDigest.Space) -> [Int] {
    var out: [Int] = []
    var d = 0
    while d < space.nodes.count {
      out.append(d)
      d += Int(space.nodes[d].size)
    }
    return out
  }

  /// The children of call `c` of a space (not `mixed`).
  static func children(_ space: TraceDigest.Space, _ c: Int) -> [Int] {
    var out: [Int] = []
    let end = c + Int(space.nodes[c].size)
    var d = c + 1
    while d < end {
      out.append(d)
      d += Int(space.nodes[d].size)
    }
    return out
  }

  /// Threads `RootMatcher` is certain to pair: the only thread of each trace, or threads of
  /// a non-empty name that no other thread of either trace has.
  static func threadPairs(_ x: TraceDigest, _ y: TraceDigest) -> [(UInt32, UInt32)] {
    if x.threads.count == 1 && y.threads.count == 1 { return [(x.threads[0], y.threads[0])] }
    var countA: [String: Int] = [:]
    var countB: [String: UInt32] = [:]
    var seenB: [String: Int] = [:]
    for t in x.threads { countA[x.threadNames[t] ?? "", default: 0] += 1 }
    for t in y.threads {
      let name = y.threadNames[t] ?? ""
      seenB[name, default: 0] += 1
      countB[name] = t
    }
    var out: [(UInt32, UInt32)] = []
    for t in x.threads {
      let name = x.threadNames[t] ?? ""
      guard !name.isEmpty, countA[name] == 1, seenB[name] == 1, let u = countB[name] else {
        continue
      }
      out.append((t, u))
    }
    return out
  }
}
