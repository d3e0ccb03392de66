/// How one search pattern is tested against a call.
struct SearchMatcher: @unchecked Sendable {
  enum Mode {
    /// Bytes to find; `folded` compares ASCII letters case-insensitively; `wholeRow` when the
    /// pattern spans the row's punctuation (`fib(3`, `→ 2`) and must be found in the row text.
    case substring(needle: [UInt8], folded: Bool, wholeRow: Bool)
    case regex(Regex<AnyRegexOutput>)
  }

  let mode: Mode

  init(_ pattern: String) throws(SearchError) {
    if pattern.hasPrefix("re:") {
      let source = String(pattern.dropFirst(3))
      do {
        var regex = try Regex(source)
        if !source.contains(where: \.isUppercase) { regex = regex.ignoresCase() }
        mode = .regex(regex)
      } catch {
        throw SearchError(pattern: source, message: "\(error)")
      }
    } else {
      let folded = !pattern.contains(where: \.isUppercase)
      let needle = Array((folded ? pattern.lowercased() : pattern).utf8)
      let wholeRow = pattern.contains { "(),:→ ".contains($0) }
      mode = .substring(needle: needle, folded: folded, wholeRow: wholeRow)
    }
  }

  /// Tests a function name.
  func matches(_ text: String) -> Bool {
    switch mode {
    case .substring(let needle, let folded, _):
      var copy = text
      return copy.withUTF8 { Self.find(needle, in: $0[...], folded: folded) }
    case .regex(let regex):
      return (try? regex.firstMatch(in: text)) != nil
    }
  }

  /// Tests a call's name, arguments, result and error text.
  func matches(call node: Int, in tree: CallTree, siteMatches: [Bool]) -> Bool {
    switch mode {
    case .substring(let needle, let folded, let wholeRow):
      if wholeRow {
        if matches(tree.rowText(of: node)) { return true }
      } else {
        if siteMatches[Int(tree.refs[node])] { return true }
        let found = tree.arena.bytes.withUnsafeBufferPointer { bytes in
          for range in Self.payloadRanges(node, tree) {
            if Self.find(needle, in: bytes[range], folded: folded) { return true }
          }
          return false
        }
        if found { return true }
      }
      guard let error = tree.error(of: node) else { return false }
      return matches(error.type) || matches(error.description)
    case .regex(let regex):
      if (try? regex.firstMatch(in: tree.rowText(of: node))) != nil { return true }
      guard let error = tree.error(of: node) else { return false }
      return (try? regex.firstMatch(in: error.type + ": " + error.description)) != nil
    }
  }

  /// Byte ranges of a call's arguments and result in the arena.
  static func payloadRanges(_ node: Int, _ tree: CallTree) -> [Range<Int>] {
    let payload = tree.payloads[node]
    guard payload != 0 else { return [] }
    var ranges: [Range<Int>] = []
    if tree.flags[node].argsCollected {
      var offset = ByteArena.offset(of: payload) + 4
      let count = tree.arena.readVarint(&offset)
      for _ in 0..<count { ranges.append(tree.arena.stringRange(&offset)) }
    }
    if let result = tree.resultRange(node) { ranges.append(result) }
    return ranges
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
