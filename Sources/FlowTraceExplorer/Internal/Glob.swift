/// A shell-style pattern over UTF-8 bytes: `*` any run, `?` one byte, everything else literal.
struct Glob: Sendable {
  let pattern: [UInt8]

  init(_ pattern: String) { self.pattern = Array(pattern.utf8) }

  func matches(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { matches($0) }
  }

  /// Whether the whole of `text` matches, or its part after the last `.`.
  func matchesQualifiedName(_ name: String) -> Bool {
    if matches(name) { return true }
    guard let dot = name.lastIndex(of: ".") else { return false }
    return matches(String(name[name.index(after: dot)...]))
  }

  func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    // Iterative matcher with single backtrack point for the last `*`.
    var p = 0
    var t = 0
    var starP = -1
    var starT = 0
    while t < text.count {
      if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t]) {
        p += 1
        t += 1
      } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
        starP = p
        starT = t
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starT += 1
        t = starT
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.count
  }
}
