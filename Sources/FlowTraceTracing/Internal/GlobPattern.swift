/// Shell-style patterns: `*` any run of bytes, `?` one byte (one ASCII character), the rest
/// literal; compared on UTF-8.
enum GlobPattern {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.utf8)
    let t = Array(text.utf8)
    var (pi, ti) = (0, 0)
    var star: (p: Int, t: Int)?
    while ti < t.count {
      if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
        star = (pi, ti)
        pi += 1
      } else if let s = star {
        pi = s.p + 1
        ti = s.t + 1
        star = (s.p, s.t + 1)
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
  }
}
