/// How one search pattern is tested against a call.
struct SearchMatcher: @unchecked Sendable {
  enum Mode {
    /// Bytes to find; `folded` compares ASCII letters case-insensitively; `wholeRow` when the
    /// pattern spans the row's punctuation (`fib(3`, `→ 2`) and must be found in the row text.
    case substring(needle: [UInt8], folded: Bool, wholeRow: Bool)
    /// A pattern with row punctuation: each run of other characters must occur in one piece
    /// of the row (name, label, argument, result) before the row text is built and searched.
    case rowText(needle: [UInt8], folded: Bool, runs: [[UInt8]])
    /// A regular expression, with a literal every match must contain when one can be read
    /// from the source (used to skip rows cheaply).
    case regex(Regex<AnyRegexOutput>, literal: RowLiteral?)
  }

  let mode: Mode

  init(_ pattern: String) throws(SearchError) {
    if pattern.hasPrefix("re:") {
      let source = String(pattern.dropFirst(3))
      do {
        var regex = try Regex(source)
        if !source.contains(where: \.isUppercase) { regex = regex.ignoresCase() }
        mode = .regex(regex, literal: RegexLiteral.required(in: source).map(RowLiteral.init))
      } catch {
        throw SearchError(pattern: source, message: "\(error)")
      }
    } else {
      let folded = !pattern.contains(where: \.isUppercase)
      let needle = Array((folded ? pattern.lowercased() : pattern).utf8)
      let punctuation: Set<Character> = ["(", ")", ",", ":", "→", " "]
      if pattern.contains(where: punctuation.contains) {
        let runs = (folded ? pattern.lowercased() : pattern).split(
          whereSeparator: punctuation.contains
        )
        .map { Array($0.utf8) }
        mode = .rowText(needle: needle, folded: folded, runs: runs)
      } else {
        mode = .substring(needle: needle, folded: folded, wholeRow: false)
      }
    }
  }

  /// Tests a function name.
  func matches(_ text: String) -> Bool {
    switch mode {
    case .substring(let needle, let folded, _), .rowText(let needle, let folded, _):
      var copy = text
      return copy.withUTF8 { Self.find(needle, in: $0[...], folded: folded) }
    case .regex(let regex, _):
      return (try? regex.firstMatch(in: text)) != nil
    }
  }

  /// Tests a call's name, arguments, result and error text. `arena` is the tree's string
  /// arena; `scratch` a reusable buffer for the row text.
  func matches(
    call node: Int, in tree: CallTree, arena: UnsafeBufferPointer<UInt8>, sites: SiteText,
    scratch: inout [UInt8]
  ) -> Bool {
    switch mode {
    case .rowText(let needle, let folded, let runs):
      let site = Int(tree.refs[node])
      var candidate = true
      for (k, run) in runs.enumerated() where !sites.runMatches[k][site] {
        var found = false
        ArenaReader.forEachString(of: node, in: tree, arena: arena) { range in
          if !found && Self.find(run, in: arena[range], folded: folded) { found = true }
        }
        if !found {
          candidate = false
          break
        }
      }
      if candidate {
        scratch.removeAll(keepingCapacity: true)
        sites.appendRow(of: node, in: tree, arena: arena, to: &scratch)
        if scratch.withUnsafeBufferPointer({ Self.find(needle, in: $0[...], folded: folded) }) {
          return true
        }
      }
      guard tree.flags[node].errorMark != 0, let error = tree.error(of: node) else { return false }
      return matches(error.type) || matches(error.description)
    case .substring(let needle, let folded, _):
      if sites.nameMatches[Int(tree.refs[node])] { return true }
      var found = false
      ArenaReader.forEachString(of: node, in: tree, arena: arena) { range in
        if !found && Self.find(needle, in: arena[range], folded: folded) { found = true }
      }
      if found { return true }
      guard tree.flags[node].errorMark != 0, let error = tree.error(of: node) else { return false }
      return matches(error.type) || matches(error.description)
    case .regex(let regex, _):
      if (try? regex.firstMatch(in: tree.rowText(of: node))) != nil { return true }
      guard let error = tree.error(of: node) else { return false }
      return (try? regex.firstMatch(in: error.type + ": " + error.description)) != nil
    }
  }

  /// Whether `needle` occurs in `haystack` (ASCII letters of the haystack lowered if `folded`).
  static func find(_ needle: [UInt8], in haystack: Slice<UnsafeBufferPointer<UInt8>>, folded: Bool)
    -> Bool
  {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count else { return false }
    var i = haystack.startIndex
    let lastStart = haystack.endIndex - needle.count
    while i <= lastStart {
      if lower(haystack[i], folded) == first {
        var k = 1
        while k < needle.count && lower(haystack[i + k], folded) == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  @inline(__always) static func lower(_ byte: UInt8, _ folded: Bool) -> UInt8 {
    folded && byte >= 65 && byte <= 90 ? byte | 0x20 : byte
  }
}
