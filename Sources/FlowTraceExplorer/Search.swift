/// A search over calls' names, arguments, results and error text: a substring with smart case
/// (case-insensitive unless the pattern has an upper-case letter), or a regular expression
/// after `re:`. Matches are kept in depth-first order and extended as calls are appended.
public struct Search: Sendable {
  /// The text typed, including any `re:` prefix.
  public let pattern: String
  let matcher: SearchMatcher
  /// Matching call nodes, in depth-first order.
  var matches: [UInt32] = []
  /// Nodes already examined.
  var scanned = 0
  /// Calls examined while running: they may match once their result arrives.
  var pending: [UInt32] = []
  /// Per site: whether the name matches, and row text pieces.
  var sites = SiteText()

  /// Prepares a search and examines up to `maxNodes` nodes (all by default; a UI can pass a
  /// budget and continue with `update(with:maxNodes:)` between frames). Throws when a `re:`
  /// pattern is not a valid regular expression.
  public init(_ pattern: String, in tree: CallTree, maxNodes: Int = .max) throws(SearchError) {
    self.pattern = pattern
    matcher = try SearchMatcher(pattern)
    update(with: tree, maxNodes: maxNodes)
  }

  /// Whether every node of `tree` has been examined.
  public func isComplete(in tree: CallTree) -> Bool { scanned >= tree.count }

  /// The share of `tree`'s nodes examined so far (0...1).
  public func progress(in tree: CallTree) -> Double {
    tree.count == 0 ? 1 : Double(min(scanned, tree.count)) / Double(tree.count)
  }

  /// Number of matches.
  public var count: Int { matches.count }

  /// The matching nodes in depth-first order.
  public var matchingNodes: [Int] { matches.map { Int($0) } }

  /// Examines calls appended (or ended) since the last update, at most `maxNodes` new ones.
  public mutating func update(with tree: CallTree, maxNodes: Int = .max) {
    let end = tree.count - scanned > maxNodes ? scanned + maxNodes : tree.count
    sites.update(tree, matcher: matcher)
    var found: [UInt32] = []
    var stillPending: [UInt32] = []
    var foundEarlier = false
    tree.arena.bytes.withUnsafeBufferPointer { arena in
      var scratch: [UInt8] = []
      scratch.reserveCapacity(256)
      for node in pending {
        if tree.flags[Int(node)].state == .running {
          stillPending.append(node)
        } else if matcher.matches(
          call: Int(node), in: tree, arena: arena, sites: sites, scratch: &scratch)
        {
          found.append(node)
          foundEarlier = true
        }
      }
      if case .substring(let needle, let folded, _) = matcher.mode {
        let scan = matcher.scanSubstring(
          scanned..<end, in: tree, sites: sites, needle: needle, folded: folded)
        found.append(contentsOf: scan.found)
        stillPending.append(contentsOf: scan.running)
        return
      }
      if case .rowText(let needle, let folded, let runs) = matcher.mode {
        let scan = matcher.scanRowText(
          scanned..<end, in: tree, sites: sites, needle: needle, folded: folded,
          runs: runs)
        found.append(contentsOf: scan.found)
        stillPending.append(contentsOf: scan.running)
        return
      }
      if case .regex(_, let literal?) = matcher.mode {
        // Rows without the literal cannot match; errors are checked whatever their row.
        var candidates = matcher.scanRowText(
          scanned..<end, in: tree, sites: sites, needle: literal.needle, folded: literal.folded,
          runs: literal.runs, errors: false)
        stillPending.append(contentsOf: candidates.running)
        for node in scanned..<end where tree.flags[node].errorMark != 0 {
          candidates.found.append(UInt32(node))
        }
        for node in Set(candidates.found).sorted() {
          if matcher.matches(
            call: Int(node), in: tree, arena: arena, sites: sites, scratch: &scratch)
          {
            found.append(node)
          } else if tree.flags[Int(node)].state == .running {
            stillPending.append(node)
          }
        }
        return
      }
      for node in scanned..<end where tree.flags[node].kind == .call {
        if matcher.matches(call: node, in: tree, arena: arena, sites: sites, scratch: &scratch) {
          found.append(UInt32(node))
        } else if tree.flags[node].state == .running {
          stillPending.append(UInt32(node))
        }
      }
    }
    pending = stillPending
    scanned = end
    guard !found.isEmpty else { return }
    if tree.isPreorder {
      matches.append(contentsOf: found)
      if foundEarlier { matches.sort() }
    } else {
      // Existing matches keep their depth-first order as the tree grows: merge the new ones.
      found.sort { tree.precedes(Int($0), Int($1)) }
      var merged: [UInt32] = []
      merged.reserveCapacity(matches.count + found.count)
      var i = 0
      var j = 0
      while i < matches.count || j < found.count {
        if j == found.count
          || (i < matches.count && tree.precedes(Int(matches[i]), Int(found[j])))
        {
          merged.append(matches[i])
          i += 1
        } else {
          merged.append(found[j])
          j += 1
        }
      }
      matches = merged
    }
  }

  /// The 1-based position of `node` among the matches, nil when it is not a match.
  public func position(of node: Int, in tree: CallTree) -> Int? {
    let k = lowerBound(node, tree)
    return k < matches.count && Int(matches[k]) == node ? k + 1 : nil
  }

  /// The first match after `node` that `outline`'s filter lets through, wrapping.
  public func next(after node: Int?, in tree: CallTree, visibleIn outline: Outline) -> SearchHit? {
    step(from: node, in: tree, outline: outline) { next(after: $0, in: tree) }
  }

  /// The last match before `node` that `outline`'s filter lets through, wrapping.
  public func previous(before node: Int?, in tree: CallTree, visibleIn outline: Outline)
    -> SearchHit?
  {
    step(from: node, in: tree, outline: outline) { previous(before: $0, in: tree) }
  }

  private func step(
    from node: Int?, in tree: CallTree, outline: Outline, _ move: (Int?) -> SearchHit?
  ) -> SearchHit? {
    var current = node
    var wrapped = false
    for _ in 0..<matches.count {
      guard let hit = move(current) else { return nil }
      wrapped = wrapped || hit.wrapped
      if outline.passesFilter(hit.node) {
        return SearchHit(node: hit.node, index: hit.index, wrapped: wrapped)
      }
      current = hit.node
    }
    return nil
  }

  /// The first match after `node` (from the top when nil), wrapping past the end.
  public func next(after node: Int?, in tree: CallTree) -> SearchHit? {
    guard !matches.isEmpty else { return nil }
    guard let node else { return SearchHit(node: Int(matches[0]), index: 1, wrapped: false) }
    var k = lowerBound(node, tree)
    if k < matches.count && Int(matches[k]) == node { k += 1 }
    if k < matches.count { return SearchHit(node: Int(matches[k]), index: k + 1, wrapped: false) }
    return SearchHit(node: Int(matches[0]), index: 1, wrapped: true)
  }

  /// The last match before `node` (from the bottom when nil), wrapping past the start.
  public func previous(before node: Int?, in tree: CallTree) -> SearchHit? {
    guard !matches.isEmpty else { return nil }
    let last = matches.count - 1
    guard let node else {
      return SearchHit(node: Int(matches[last]), index: last + 1, wrapped: false)
    }
    let k = lowerBound(node, tree)
    if k > 0 { return SearchHit(node: Int(matches[k - 1]), index: k, wrapped: false) }
    return SearchHit(node: Int(matches[last]), index: last + 1, wrapped: true)
  }

  /// Index of the first match not before `node` in depth-first order.
  private func lowerBound(_ node: Int, _ tree: CallTree) -> Int {
    var low = 0
    var high = matches.count
    while low < high {
      let mid = (low + high) / 2
      if tree.precedes(Int(matches[mid]), node) { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

/// A match reached by `next`/`previous`: the node, its 1-based index for `[i/N]`, and whether
/// the search wrapped around.
public struct SearchHit: Sendable, Equatable {
  public var node: Int
  public var index: Int
  public var wrapped: Bool

  public init(node: Int, index: Int, wrapped: Bool) {
    self.node = node
    self.index = index
    self.wrapped = wrapped
  }
}

/// A search pattern that could not be used.
public struct SearchError: Error, Sendable, Equatable, CustomStringConvertible {
  public var pattern: String
  public var message: String
  public var description: String { "invalid regular expression '\(pattern)': \(message)" }
}
