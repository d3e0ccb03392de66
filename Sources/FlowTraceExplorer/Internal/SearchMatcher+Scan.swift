extension SearchMatcher {
  /// The fast path of a plain substring search over nodes `range`: one pass over the flags,
  /// sites and payload columns and the arena, without closures or per-call allocation.
  /// Returns the matching calls and the running calls that did not (yet) match.
  func scanSubstring(
    _ range: Range<Int>, in tree: CallTree, sites: SiteText, needle: [UInt8], folded: Bool
  ) -> (found: [UInt32], running: [UInt32]) {
    var found: [UInt32] = []
    var running: [UInt32] = []
    tree.arena.bytes.withUnsafeBufferPointer { arena in
      sites.nameMatches.withUnsafeBufferPointer { names in
        needle.withUnsafeBufferPointer { needle in
          tree.forEachPiece(in: range) { piece in
            for k in 0..<piece.flags.count {
              let f = piece.flags[k]
              guard f.kind == .call else { continue }
              let node = piece.first + k
              var hit = names[piece.site(k, in: tree)]
              if !hit {
                hit = Self.payloadContains(
                  needle, arena: arena, args: f.argsCollected ? piece.argRefs[k] : 0,
                  result: piece.resultRefs[k], folded: folded)
              }
              sort(
                node, hit: hit, flags: f, errors: true, in: tree, found: &found, running: &running)
            }
          }
        }
      }
    }
    return (found, running)
  }

  /// The fast path of a row-text search (a pattern with punctuation): each run of the
  /// pattern must be in the site's name or labels or in an argument or the result before the
  /// row is built as bytes and searched.
  func scanRowText(
    _ range: Range<Int>, in tree: CallTree, sites: SiteText, needle: [UInt8], folded: Bool,
    runs: [[UInt8]], errors: Bool = true
  ) -> (found: [UInt32], running: [UInt32]) {
    var found: [UInt32] = []
    var running: [UInt32] = []
    var scratch: [UInt8] = []
    scratch.reserveCapacity(256)
    tree.arena.bytes.withUnsafeBufferPointer { arena in
      tree.forEachPiece(in: range) { piece in
        for k in 0..<piece.flags.count {
          let f = piece.flags[k]
          guard f.kind == .call else { continue }
          let node = piece.first + k
          let site = piece.site(k, in: tree)
          let argRef = f.argsCollected ? piece.argRefs[k] : 0
          var candidate = true
          for r in runs.indices where !sites.runMatches[r][site] {
            let inPayload = runs[r].withUnsafeBufferPointer {
              Self.payloadContains(
                $0, arena: arena, args: argRef, result: piece.resultRefs[k], folded: folded)
            }
            if !inPayload {
              candidate = false
              break
            }
          }
          var hit = false
          if candidate {
            scratch.removeAll(keepingCapacity: true)
            sites.appendRow(of: node, in: tree, arena: arena, to: &scratch)
            hit = scratch.withUnsafeBufferPointer { row in
              needle.withUnsafeBufferPointer { Self.contains($0, row, 0..<row.count, folded) }
            }
          }
          sort(
            node, hit: hit, flags: f, errors: errors, in: tree, found: &found, running: &running)
        }
      }
    }
    return (found, running)
  }

  /// Files a scanned call: found when its text (`hit`) or, with `errors`, its error matches;
  /// else running when it has not returned yet (a later search may still match it).
  private func sort(
    _ node: Int, hit: Bool, flags f: NodeFlags, errors: Bool, in tree: CallTree,
    found: inout [UInt32], running: inout [UInt32]
  ) {
    var hit = hit
    if errors && !hit && f.errorMark != 0, let error = tree.error(of: node) {
      hit = matches(error.type) || matches(error.description)
    }
    if hit {
      found.append(UInt32(node))
    } else if f.state == .running {
      running.append(UInt32(node))
    }
  }

  /// Whether an argument (of the record `args`) or the result (the record `result`) contains
  /// `needle`; 0 for either means none.
  @inline(__always)
  static func payloadContains(
    _ needle: UnsafeBufferPointer<UInt8>, arena: UnsafeBufferPointer<UInt8>, args: UInt32,
    result: UInt32, folded: Bool
  ) -> Bool {
    if args != 0 {
      var offset = ByteArena.offset(of: args)
      let count = ArenaReader.varint(arena, &offset)
      for _ in 0..<count {
        let range = ArenaReader.string(arena, &offset)
        if contains(needle, arena, range, folded) { return true }
      }
    }
    guard result != 0 else { return false }
    var offset = ByteArena.offset(of: result)
    return contains(needle, arena, ArenaReader.string(arena, &offset), folded)
  }

  @inline(__always)
  static func contains(
    _ needle: UnsafeBufferPointer<UInt8>, _ haystack: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>, _ folded: Bool
  ) -> Bool {
    let n = needle.count
    guard n > 0 else { return true }
    guard range.count >= n else { return false }
    let first = needle[0]
    var i = range.lowerBound
    let last = range.upperBound - n
    while i <= last {
      if lower(haystack[i], folded) == first {
        var k = 1
        while k < n && lower(haystack[i + k], folded) == needle[k] { k += 1 }
        if k == n { return true }
      }
      i += 1
    }
    return false
  }
}
