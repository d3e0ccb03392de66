import FlowTraceWire

/// A shell-style pattern on qualified names: `*` matches any run of characters (dots
/// included), `?` one character, everything else itself: `Parser.*`, `*fib*`, `Calc.?dd`.
/// One matcher for the runtime's include/exclude, `flowtrace print` and the explorer's filters.
public struct Glob: Sendable, Equatable {
  /// The pattern as written.
  public let pattern: String
  private let bytes: [UInt8]

  public init(_ pattern: String) {
    self.pattern = pattern
    self.bytes = Array(pattern.utf8)
  }

  /// True if the whole of `text` matches.
  public func matches(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { matches($0) }
  }

  /// True if the whole qualified name matches, or its last component (after the last `.`).
  public func matchesQualifiedName(_ name: String) -> Bool {
    if matches(name) { return true }
    guard let dot = name.lastIndex(of: ".") else { return false }
    return matches(String(name[name.index(after: dot)...]))
  }

  /// True if the whole of `text` (UTF-8) matches; linear backtracking on the last `*`.
  public func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var p = 0
    var t = 0
    var starP = -1
    var starT = 0
    while t < text.count {
      if p < bytes.count && bytes[p] == UInt8(ascii: "?") {
        p += 1
        t = Glob.nextScalar(after: t, in: text)
      } else if p < bytes.count && bytes[p] == text[t] {
        p += 1
        t += 1
      } else if p < bytes.count && bytes[p] == UInt8(ascii: "*") {
        starP = p
        starT = t
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starT = Glob.nextScalar(after: starT, in: text)
        t = starT
      } else {
        return false
      }
    }
    while p < bytes.count && bytes[p] == UInt8(ascii: "*") { p += 1 }
    return p == bytes.count
  }

  /// The index of the scalar after the one starting at `index` (skips continuation bytes).
  private static func nextScalar(after index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
    var next = index + 1
    while next < text.count && text[next] & 0xC0 == 0x80 { next += 1 }
    return next
  }
}
