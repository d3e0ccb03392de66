/// A shell-style glob on qualified names: `*` any run, `?` one character.
struct GlobPattern: Sendable, Equatable {
  let pattern: String
  private let characters: [Character]

  init(_ pattern: String) {
    self.pattern = pattern
    self.characters = Array(pattern)
  }

  /// Matches the whole name (iterative, linear backtracking on the last `*`).
  func matches(_ name: String) -> Bool {
    let text = Array(name)
    var p = 0
    var t = 0
    var star = -1
    var mark = 0
    while t < text.count {
      if p < characters.count, characters[p] == "?" || characters[p] == text[t] {
        p += 1
        t += 1
      } else if p < characters.count, characters[p] == "*" {
        star = p
        mark = t
        p += 1
      } else if star >= 0 {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < characters.count, characters[p] == "*" { p += 1 }
    return p == characters.count
  }
}
