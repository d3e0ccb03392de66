/// Finds where a search pattern occurs in a row's text, to highlight it: smart-case
/// substring, or a regular expression after `re:`.
package struct Highlighter {
  private let needle: [Character]
  private let caseSensitive: Bool
  private let regex: Regex<AnyRegexOutput>?

  /// Nil for an empty pattern or an invalid regular expression.
  package init?(pattern: String) {
    if pattern.hasPrefix("re:") {
      let source = String(pattern.dropFirst(3))
      guard !source.isEmpty, let regex = try? Regex(source) else { return nil }
      self.regex = regex
      needle = []
      caseSensitive = true
    } else {
      guard !pattern.isEmpty else { return nil }
      regex = nil
      caseSensitive = pattern.contains { $0.isUppercase }
      needle = Array(caseSensitive ? pattern : pattern.lowercased())
    }
  }

  /// Character-offset ranges of every match in `text`.
  package func ranges(in text: String) -> [Range<Int>] {
    if let regex {
      var out: [Range<Int>] = []
      for match in text.matches(of: regex) where !match.range.isEmpty {
        let lower = text.distance(from: text.startIndex, to: match.range.lowerBound)
        let upper = text.distance(from: text.startIndex, to: match.range.upperBound)
        out.append(lower..<upper)
      }
      return out
    }
    let hay = Array(caseSensitive ? text : text.lowercased())
    guard hay.count >= needle.count, let first = needle.first else { return [] }
    var out: [Range<Int>] = []
    var i = 0
    while i + needle.count <= hay.count {
      if hay[i] == first && Array(hay[i..<(i + needle.count)]) == needle {
        out.append(i..<(i + needle.count))
        i += needle.count
      } else {
        i += 1
      }
    }
    return out
  }
}
