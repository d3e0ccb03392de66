/// A shell-style pattern on qualified names: `*` matches any run of characters (dots
/// included), `?` one character; everything else matches itself. `Parser.*`, `*fib*`.
struct Glob: Sendable {
  let pattern: [Character]

  init(_ pattern: String) { self.pattern = Array(pattern) }

  /// True if `text` matches the whole pattern.
  func matches(_ text: String) -> Bool {
    let s = Array(text)
    var p = 0
    var t = 0
    var star = -1
    var resume = 0
    while t < s.count {
      if p < pattern.count, pattern[p] == "?" || pattern[p] == s[t] {
        p += 1
        t += 1
      } else if p < pattern.count, pattern[p] == "*" {
        star = p
        resume = t
        p += 1
      } else if star >= 0 {
        p = star + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
