import FlowTraceText
import FlowTraceWire

extension DiffReport {
  /// The text of one entry, indented two spaces per level, with its marker: `-` only in A,
  /// `+` only in B, `~` in both but different (`A  ⇢  B's changed parts`), `…` folded.
  public func line(_ index: Int, color: Bool = false) -> String {
    let entry = entries[index]
    let indent = String(repeating: "  ", count: max(0, entry.depth))
    let textA = DiffText(tree: a)
    let textB = DiffText(tree: b)
    switch entry.kind {
    case .same:
      let noun = entry.calls == 1 ? "call" : "calls"
      return indent + paint("… \(CountText.grouped(entry.calls)) identical \(noun)", .dim, color)
    case .removed:
      guard let node = entry.a else { return indent }
      return indent + paint("- " + textA.node(node) + inside(entry), .red, color)
    case .added:
      guard let node = entry.b else { return indent }
      return indent + paint("+ " + textB.node(node) + inside(entry), .green, color)
    case .context:
      guard let node = entry.a else { return indent }
      // A thread is a heading; calls on the way to a difference get `~`.
      guard a.kind(of: node) == .call else { return indent + textA.node(node) }
      return indent + paint("~", .yellow, color) + " " + textA.node(node)
    case .changed:
      guard let nodeA = entry.a, let nodeB = entry.b else { return indent }
      var line = indent + paint("~", .yellow, color) + " " + textA.node(nodeA)
      let parts = textB.parts(nodeB, entry.changes)
      if !parts.isEmpty { line += "  " + paint("⇢", .yellow, color) + "  " + parts }
      if entry.changes.contains(.timing),
        let selfA = textA.selfTime(nodeA), let selfB = textB.selfTime(nodeB)
      {
        let percent = (Double(selfB) - Double(selfA)) * 100 / Double(max(1, selfA))
        let sign = percent >= 0 ? "+" : "−"
        line +=
          "  self " + DurationText.short(selfA) + " ⇢ " + DurationText.short(selfB)
          + " (\(sign)\(Int(abs(percent).rounded()))%)"
      }
      return line
    }
  }

  /// The first difference with the lines of its ancestors (empty when the traces agree).
  /// The calls on the path read `~ name(args)`: their results and errors come after the
  /// difference and are listed with the differences.
  public func firstDifferenceLines(color: Bool = false) -> [String] {
    guard let first else { return [] }
    let text = DiffText(tree: a)
    let path = firstPath.map { index -> String in
      let entry = entries[index]
      let indent = String(repeating: "  ", count: max(0, entry.depth))
      guard let node = entry.a else { return indent }
      guard a.kind(of: node) == .call else { return indent + text.node(node) }
      return indent + paint("~", .yellow, color) + " " + Sanitizer.clean(a.callText(of: node))
    }
    return path + [line(first, color: color)]
  }

  /// Every entry's line.
  public func lines(color: Bool = false) -> [String] {
    entries.indices.map { line($0, color: color) }
  }

  /// `1 changed, 2 removed, 1 added (1,204 identical calls)`.
  public var summary: String {
    let c = counts
    var parts: [String] = []
    if c.changed > 0 { parts.append("\(CountText.grouped(c.changed)) changed") }
    if c.removed > 0 { parts.append("\(CountText.grouped(c.removed)) only in A") }
    if c.added > 0 { parts.append("\(CountText.grouped(c.added)) only in B") }
    let same =
      "\(CountText.grouped(identicalCalls)) identical call\(identicalCalls == 1 ? "" : "s")"
    return parts.isEmpty ? "no differences (\(same))" : parts.joined(separator: ", ") + " (\(same))"
  }

  private func inside(_ entry: Entry) -> String {
    entry.calls > 1 ? "  (\(CountText.grouped(entry.calls)) calls)" : ""
  }

  enum Paint: String {
    case red = "\u{1B}[31m"
    case green = "\u{1B}[32m"
    case yellow = "\u{1B}[33m"
    case dim = "\u{1B}[2m"
  }

  private func paint(_ text: String, _ paint: Paint, _ color: Bool) -> String {
    color ? paint.rawValue + text + "\u{1B}[0m" : text
  }
}
