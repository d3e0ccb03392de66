/// One step of aligning two sibling lists.
enum AlignOp: Equatable {
  /// Same key (function and arguments): the same call in both runs.
  case match(Int, Int)
  /// Same function, other arguments: one call that changed.
  case pair(Int, Int)
  /// Only in A.
  case removed(Int)
  /// Only in B.
  case added(Int)
}

/// Aligns two sibling lists: a shortest edit script on the full keys (Myers' O(ND) diff,
/// common prefix and suffix first), then, inside each run of edits, calls of the same
/// function are paired in order (a longest common subsequence on the function alone), so
/// `parse("x")` → `parse("y")` is one changed call and an extra loop iteration is one added.
enum SequenceAligner {
  /// Edit scripts longer than this fall back to pairing by function in order.
  static let maxEdits = 1_000
  /// Runs of edits up to this many cells are paired by an exact LCS, larger ones greedily.
  static let maxPairingCells = 250_000

  static func align(
    keysA: [UInt64], keysB: [UInt64], namesA: [UInt64], namesB: [UInt64]
  ) -> [AlignOp] {
    var ops: [AlignOp] = []
    ops.reserveCapacity(max(keysA.count, keysB.count))
    var start = 0
    let n = keysA.count
    let m = keysB.count
    while start < n && start < m && keysA[start] == keysB[start] {
      ops.append(.match(start, start))
      start += 1
    }
    var endA = n
    var endB = m
    while endA > start && endB > start && keysA[endA - 1] == keysB[endB - 1] {
      endA -= 1
      endB -= 1
    }
    if start < endA || start < endB {
      var gapA: [Int] = []
      var gapB: [Int] = []
      let middle =
        myers(keysA, start..<endA, keysB, start..<endB)
        ?? fallback(start..<endA, start..<endB)
      for op in middle {
        switch op {
        case .match:
          pairGap(gapA, gapB, namesA, namesB, into: &ops)
          gapA.removeAll(keepingCapacity: true)
          gapB.removeAll(keepingCapacity: true)
          ops.append(op)
        case .removed(let i): gapA.append(i)
        case .added(let j): gapB.append(j)
        case .pair: ops.append(op)
        }
      }
      pairGap(gapA, gapB, namesA, namesB, into: &ops)
    }
    for k in 0..<(n - endA) { ops.append(.match(endA + k, endB + k)) }
    return ops
  }

  /// Myers' greedy forward search; nil when the script needs more than `maxEdits` edits.
  static func myers(
    _ a: [UInt64], _ ra: Range<Int>, _ b: [UInt64], _ rb: Range<Int>
  ) -> [AlignOp]? {
    let n = ra.count
    let m = rb.count
    let maxD = min(n + m, maxEdits)
    let offset = maxD + 1
    var v = [Int](repeating: 0, count: 2 * maxD + 3)
    var trace: [[Int]] = []
    var found = false
    outer: for d in 0...maxD {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && a[ra.lowerBound + x] == b[rb.lowerBound + y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m {
          found = true
          break outer
        }
      }
    }
    guard found else { return nil }
    // Walk back through the saved frontiers.
    var ops: [AlignOp] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let vd = trace[d]
      let k = x - y
      let previousK: Int
      if d == 0 {
        previousK = 0
      } else if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = d == 0 ? 0 : vd[offset + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        ops.append(.match(ra.lowerBound + x, rb.lowerBound + y))
      }
      if d > 0 {
        if x == previousX {
          ops.append(.added(rb.lowerBound + previousY))
        } else {
          ops.append(.removed(ra.lowerBound + previousX))
        }
      }
      x = previousX
      y = previousY
    }
    return ops.reversed()
  }

  /// Everything removed then added: the pairing by function still finds the changed calls.
  static func fallback(_ ra: Range<Int>, _ rb: Range<Int>) -> [AlignOp] {
    ra.map { AlignOp.removed($0) } + rb.map { AlignOp.added($0) }
  }

  /// Emits a run of edits, pairing calls of the same function (LCS on names) as changed.
  static func pairGap(
    _ gapA: [Int], _ gapB: [Int], _ namesA: [UInt64], _ namesB: [UInt64],
    into ops: inout [AlignOp]
  ) {
    if gapA.isEmpty || gapB.isEmpty {
      for i in gapA { ops.append(.removed(i)) }
      for j in gapB { ops.append(.added(j)) }
      return
    }
    var pairs: [(Int, Int)] = []
    if gapA.count * gapB.count <= maxPairingCells {
      pairs = lcs(gapA.map { namesA[$0] }, gapB.map { namesB[$0] })
    } else {
      // Greedy: each A call takes the next B call of its function.
      var j = 0
      for i in gapA.indices {
        var k = j
        while k < gapB.count && namesB[gapB[k]] != namesA[gapA[i]] { k += 1 }
        if k < gapB.count {
          pairs.append((i, k))
          j = k + 1
        }
      }
    }
    var i = 0
    var j = 0
    for (pi, pj) in pairs {
      while i < pi {
        ops.append(.removed(gapA[i]))
        i += 1
      }
      while j < pj {
        ops.append(.added(gapB[j]))
        j += 1
      }
      ops.append(.pair(gapA[pi], gapB[pj]))
      i = pi + 1
      j = pj + 1
    }
    while i < gapA.count {
      ops.append(.removed(gapA[i]))
      i += 1
    }
    while j < gapB.count {
      ops.append(.added(gapB[j]))
      j += 1
    }
  }

  /// Index pairs of a longest common subsequence (dynamic programming).
  static func lcs(_ a: [UInt64], _ b: [UInt64]) -> [(Int, Int)] {
    let n = a.count
    let m = b.count
    var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i * (m + 1) + j] =
          a[i] == b[j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1
          : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
      }
    }
    var pairs: [(Int, Int)] = []
    var i = 0
    var j = 0
    while i < n && j < m {
      if a[i] == b[j] {
        pairs.append((i, j))
        i += 1
        j += 1
      } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return pairs
  }
}
