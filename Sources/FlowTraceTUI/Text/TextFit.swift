/// Cutting and padding text to a number of terminal cells.
package enum TextFit {
  /// The longest prefix of `text` that fits `width` cells, with `ellipsis` at the end when cut.
  package static func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if text.utf8.count <= width && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      return text
    }
    if DisplayWidth.of(text) <= width { return text }
    let budget = width - DisplayWidth.of(ellipsis)
    guard budget >= 0 else { return String(repeating: ".", count: width) }
    var out = ""
    var used = 0
    for ch in text {
      let w = DisplayWidth.of(ch)
      if used + w > budget { break }
      out.append(ch)
      used += w
    }
    return out + ellipsis
  }

  /// `text` cut to `width` cells and padded with spaces to exactly `width`.
  package static func pad(_ text: String, width: Int, ellipsis: String = "…") -> String {
    let cut = truncate(text, width: width, ellipsis: ellipsis)
    let w = DisplayWidth.of(cut)
    return w < width ? cut + String(repeating: " ", count: width - w) : cut
  }

  /// `text` right-aligned in `width` cells.
  package static func padLeft(_ text: String, width: Int, ellipsis: String = "…") -> String {
    let cut = truncate(text, width: width, ellipsis: ellipsis)
    let w = DisplayWidth.of(cut)
    return w < width ? String(repeating: " ", count: width - w) + cut : cut
  }

  /// Splits `text` into lines of at most `width` cells (hard wrap; breaks at spaces when it can).
  package static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var used = 0
      var lastSpace: String.Index?
      for ch in paragraph {
        let w = DisplayWidth.of(ch)
        if used + w > width && ch == " " {
          lines.append(line)
          line = ""
          used = 0
          lastSpace = nil
          continue
        }
        if used + w > width {
          if let space = lastSpace, space > line.startIndex {
            let rest = String(line[line.index(after: space)...])
            lines.append(String(line[..<space]))
            line = rest
            used = DisplayWidth.of(rest)
          } else {
            lines.append(line)
            line = ""
            used = 0
          }
          lastSpace = nil
        }
        if ch == " " { lastSpace = line.endIndex }
        line.append(ch)
        used += w
      }
      lines.append(line)
    }
    return lines
  }
}
