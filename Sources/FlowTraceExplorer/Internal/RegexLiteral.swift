/// Reads from a regular expression's source a literal that every match contains, so a search
/// can skip rows without it before running the (slow) regex. Conservative: nil whenever
/// unsure (alternation, inline options, nothing long enough).
enum RegexLiteral {
  static func required(in source: String) -> String? {
    guard !source.contains("|"), !source.contains("(?") else { return nil }
    let chars = Array(source)
    var runs: [String] = []
    var current = ""
    var depth = 0
    var inClass = false
    func endRun() {
      if depth == 0 && current.count >= 2 { runs.append(current) }
      current = ""
    }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if inClass {
        if c == "\\" { i += 1 } else if c == "]" { inClass = false }
        i += 1
        continue
      }
      var literal: Character?
      var next = i + 1
      switch c {
      case "\\":
        guard i + 1 < chars.count else { return nil }
        let escaped = chars[i + 1]
        next = i + 2
        if escaped.isLetter || escaped.isNumber { endRun() } else { literal = escaped }
      case "[":
        endRun()
        inClass = true
      case "(":
        endRun()
        depth += 1
      case ")":
        endRun()
        depth -= 1
      case ".", "^", "$", "*", "?", "+", "{", "}":
        endRun()
      default:
        literal = c
      }
      if let literal {
        let quantifier = next < chars.count ? chars[next] : nil
        if quantifier == "*" || quantifier == "?" || quantifier == "{" {
          endRun()  // the character may be absent
        } else {
          current.append(literal)
          if quantifier == "+" { endRun() }
        }
      }
      i = next
    }
    endRun()
    return runs.max { $0.count < $1.count }
  }
}

/// A literal a row must contain, in the form the row-text scan takes: the bytes (lowered
/// when the search ignores case) and its runs between row punctuation.
struct RowLiteral: Sendable {
  let needle: [UInt8]
  let folded: Bool
  let runs: [[UInt8]]

  init(_ literal: String) {
    folded = !literal.contains(where: \.isUppercase)
    let text = folded ? literal.lowercased() : literal
    needle = Array(text.utf8)
    let punctuation: Set<Character> = ["(", ")", ",", ":", "→", " "]
    runs = text.split(whereSeparator: punctuation.contains).map { Array($0.utf8) }
  }
}
