/// One of the two trees of a diff, as the aligner sees it: visible children (calls hidden by
/// include/exclude lifted into their parent's list), alignment keys and comparable values.
struct DiffSide {
  let tree: CallTree
  /// Per site: a number shared by equal qualified names in both trees.
  let canon: [UInt32]
  /// Per site: hidden by include/exclude (empty when nothing is hidden).
  let hidden: [Bool]
  /// Per site: arguments / result ignored by a name pattern.
  let ignoreArgs: [Bool]
  let ignoreResult: [Bool]
  /// `re:` patterns masking values.
  let argMasks: [DiffPattern]
  let resultMasks: [DiffPattern]
  /// Calls built without their descendants (`PrunedTreeBuilder`): node → calls in the
  /// subtree it stands for.
  let weights: [Int: Int]

  init(
    _ tree: CallTree, names: inout [String: UInt32], options: DiffOptions,
    weights: [Int: Int] = [:]
  ) {
    self.tree = tree
    self.weights = weights
    var canon: [UInt32] = []
    var hidden: [Bool] = []
    var ignoreArgs: [Bool] = []
    var ignoreResult: [Bool] = []
    let filtered = !options.include.isEmpty || !options.exclude.isEmpty
    for site in tree.siteTable {
      let name = site.name
      if let id = names[name] {
        canon.append(id)
      } else {
        let id = UInt32(names.count)
        names[name] = id
        canon.append(id)
      }
      if filtered {
        let kept =
          (options.include.isEmpty || options.include.contains { $0.matchesQualifiedName(name) })
          && !options.exclude.contains { $0.matchesQualifiedName(name) }
        hidden.append(!kept)
      }
      ignoreArgs.append(
        options.ignoreArgs.contains { $0.glob?.matchesQualifiedName(name) ?? false })
      ignoreResult.append(
        options.ignoreResults.contains { $0.glob?.matchesQualifiedName(name) ?? false })
    }
    self.canon = canon
    self.hidden = hidden
    self.ignoreArgs = ignoreArgs
    self.ignoreResult = ignoreResult
    argMasks = options.ignoreArgs.filter { !$0.isName }
    resultMasks = options.ignoreResults.filter { !$0.isName }
  }

  func isHidden(_ node: Int) -> Bool {
    !hidden.isEmpty && tree.flags[node].kind == .call && hidden[Int(tree.refs[node])]
  }

  /// Appends the visible children of `node` (the top level for nil), in order.
  func children(of node: Int?, into out: inout [UInt32]) {
    var cursor = node.map { tree.firstChildren[$0] } ?? tree.firstRoot
    guard !hidden.isEmpty else {
      while cursor != CallTree.none {
        out.append(cursor)
        cursor = tree.nextSiblings[Int(cursor)]
      }
      return
    }
    var resume: [UInt32] = []
    while true {
      if cursor == CallTree.none {
        guard let next = resume.popLast() else { return }
        cursor = next
        continue
      }
      let c = Int(cursor)
      if isHidden(c) {
        resume.append(tree.nextSiblings[c])
        cursor = tree.firstChildren[c]
      } else {
        out.append(cursor)
        cursor = tree.nextSiblings[c]
      }
    }
  }

  /// Visible calls in the subtree of `node`, itself included.
  func callCount(_ node: Int) -> Int {
    var total = 0
    var stack: [UInt32] = [UInt32(node)]
    while let n = stack.popLast() {
      let k = Int(n)
      if tree.flags[k].kind == .call && !isHidden(k) { total += weight(k) }
      var child = tree.firstChildren[k]
      while child != CallTree.none {
        stack.append(child)
        child = tree.nextSiblings[Int(child)]
      }
    }
    return total
  }

  /// Calls a call node stands for (1 unless built without its descendants).
  func weight(_ node: Int) -> Int {
    weights.isEmpty ? 1 : weights[node] ?? 1
  }

  /// The async task a node runs in (0: none; threads and loss markers: 0).
  func task(_ node: Int) -> UInt64 {
    tree.flags[node].kind == .call ? tree.contextTable[Int(tree.contexts[node])].task : 0
  }

  // MARK: Keys

  /// What aligns a node with its counterpart: kind, function, and arguments (unless ignored).
  func key(_ node: Int) -> UInt64 {
    var h = nameKey(node)
    guard tree.flags[node].kind == .call, !ignoreArgs[Int(tree.refs[node])] else { return h }
    if !argMasks.isEmpty {
      for value in maskedArgs(node) ?? [] { h = Self.mix(h, value.utf8) }
      return Self.finish(h)
    }
    guard tree.flags[node].argsCollected else { return Self.finish(h &+ 1) }
    if let range = argsRange(node) { h = Self.mix(h, tree.arena.bytes[range]) }
    return Self.finish(h)
  }

  /// The kind and function only (the second alignment pass pairs calls by it).
  func nameKey(_ node: Int) -> UInt64 {
    let flags = tree.flags[node]
    switch flags.kind {
    case .call: return UInt64(canon[Int(tree.refs[node])]) &* 0x9E37_79B9_7F4A_7C15 | 1
    case .loss: return 2
    case .thread: return 4
    case .program: return 6
    }
  }

  /// The bytes of a call's argument record, nil when none.
  func argsRange(_ node: Int) -> Range<Int>? {
    let ref = tree.argRefs[node]
    guard ref != 0 else { return nil }
    let start = ByteArena.offset(of: ref)
    var offset = start
    let count = tree.arena.readVarint(&offset)
    for _ in 0..<count { _ = tree.arena.stringRange(&offset) }
    return start..<offset
  }

  /// The arguments with `re:` masks applied, nil when not collected.
  func maskedArgs(_ node: Int) -> [String]? {
    guard let args = tree.arguments(of: node) else { return nil }
    return args.map { value in argMasks.reduce(value) { $1.mask($0) } }
  }

  /// The result with `re:` masks applied.
  func maskedResult(_ node: Int) -> String? {
    guard let result = tree.result(of: node) else { return nil }
    return resultMasks.reduce(result) { $1.mask($0) }
  }

  static func mix<C: Collection<UInt8>>(_ seed: UInt64, _ bytes: C) -> UInt64 {
    var h = seed ^ 0xCBF2_9CE4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return (h ^ UInt64(bytes.count)) &* 0x100_0000_01B3
  }

  static func finish(_ h: UInt64) -> UInt64 {
    var x = h
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    return x
  }
}
