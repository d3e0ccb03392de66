/// uftrace's argument text (`(4, "a, b", 0x10)`) split into values at the commas outside
/// quotes and brackets.
enum ChromeArgumentList {
  static func split(_ text: String) -> [String] {
    var body = Substring(text)
    guard body.first == "(", body.last == ")" else { return [text] }
    body = body.dropFirst().dropLast()
    if body.allSatisfy({ $0 == " " }) { return [] }
    var values: [String] = []
    var depth = 0
    var quote: Character?
    var escaped = false
    var current = ""
    for ch in body {
      if let q = quote {
        current.append(ch)
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == q {
          quote = nil
        }
        continue
      }
      switch ch {
      case "\"", "'": quote = ch
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case "," where depth == 0:
        values.append(current.trimmingSpaces())
        current = ""
        continue
      default: break
      }
      current.append(ch)
    }
    values.append(current.trimmingSpaces())
    return values
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
