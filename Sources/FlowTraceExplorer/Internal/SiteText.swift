import FlowTraceText

/// Per-site pieces of row text as bytes, so a search can build `name(y: 1) → r` rows without
/// making Strings.
struct SiteText: Sendable {
  /// Whether each site's name matches the search.
  var nameMatches: [Bool] = []
  /// Per run of a row-text pattern, per site: whether the run occurs in the name or a label.
  var runMatches: [[Bool]] = []
  /// `name(` per site.
  var prefixes: [[UInt8]] = []
  /// `label: ` (or nothing for `_`) per site and argument.
  var labels: [[[UInt8]]] = []

  mutating func update(_ tree: CallTree, matcher: SearchMatcher) {
    for site in prefixes.count..<tree.siteTable.count {
      let record = tree.siteTable[site]
      nameMatches.append(matcher.matches(record.name))
      prefixes.append(Array((record.name + "(").utf8))
      labels.append(
        record.labels.indices.map { index in
          CallText.shownLabel(at: index, in: record.labels).map { Array(($0 + ": ").utf8) } ?? []
        })
      if let (runs, folded) = Self.rowRuns(of: matcher) {
        if runMatches.isEmpty { runMatches = Array(repeating: [], count: runs.count) }
        for (k, run) in runs.enumerated() {
          let pieces = [record.name] + record.labels
          runMatches[k].append(
            pieces.contains { piece in
              var copy = piece
              return copy.withUTF8 { SearchMatcher.find(run, in: $0[...], folded: folded) }
            })
        }
      }
    }
  }

  /// The runs a row-text scan checks: those of a row-text pattern or of a regex's literal.
  static func rowRuns(of matcher: SearchMatcher) -> ([[UInt8]], Bool)? {
    switch matcher.mode {
    case .rowText(_, let folded, let runs): return (runs, folded)
    case .regex(_, let literal?): return (literal.runs, literal.folded)
    default: return nil
    }
  }

  /// Appends the row text of a call (as `CallTree.rowText`) to `out`.
  func appendRow(
    of node: Int, in tree: CallTree, arena: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
  ) {
    let site = Int(tree.refs[node])
    out.append(contentsOf: prefixes[site])
    let argRef = tree.argRefs[node]
    if argRef != 0 && tree.flags[node].argsCollected {
      var offset = ByteArena.offset(of: argRef)
      let count = ArenaReader.varint(arena, &offset)
      for i in 0..<count {
        if i > 0 {
          out.append(UInt8(ascii: ","))
          out.append(UInt8(ascii: " "))
        }
        if i < labels[site].count { out.append(contentsOf: labels[site][i]) }
        out.append(contentsOf: arena[ArenaReader.string(arena, &offset)])
      }
    }
    out.append(UInt8(ascii: ")"))
    let ref = tree.resultRefs[node]
    if ref != 0 {
      out.append(contentsOf: " → ".utf8)
      var offset = ByteArena.offset(of: ref)
      out.append(contentsOf: arena[ArenaReader.string(arena, &offset)])
    }
  }
}

/// Reads the arena's records through a buffer pointer (no per-call allocation).
enum ArenaReader {
  static func varint(_ arena: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
    var result = 0
    var shift = 0
    while offset < arena.count {
      let b = arena[offset]
      offset += 1
      result |= Int(b & 0x7f) << shift
      if b < 0x80 || shift > 56 { break }
      shift += 7
    }
    return result
  }

  static func string(_ arena: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Range<Int> {
    let length = varint(arena, &offset)
    let start = min(offset, arena.count)
    let end = min(start + length, arena.count)
    offset = end
    return start..<end
  }

  /// Calls `body` with the byte range of each argument and of the result of a call.
  static func forEachString(
    of node: Int, in tree: CallTree, arena: UnsafeBufferPointer<UInt8>,
    _ body: (Range<Int>) -> Void
  ) {
    let argRef = tree.argRefs[node]
    if argRef != 0 && tree.flags[node].argsCollected {
      var offset = ByteArena.offset(of: argRef)
      let count = varint(arena, &offset)
      for _ in 0..<count { body(string(arena, &offset)) }
    }
    let ref = tree.resultRefs[node]
    if ref != 0 {
      var offset = ByteArena.offset(of: ref)
      body(string(arena, &offset))
    }
  }
}
