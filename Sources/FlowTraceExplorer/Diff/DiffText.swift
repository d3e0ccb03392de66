import FlowTraceText
import FlowTraceWire

/// How one side of a node reads in diff output: the call text of `flowtrace print`
/// (`parse("x") → 3`, `boom(1) ↯ BadInput(value: 1) [propagated]`), sanitised.
struct DiffText {
  let tree: CallTree

  /// The whole line of a node: call, result, error, state; threads and losses as labels.
  func node(_ node: Int) -> String {
    switch tree.kind(of: node) {
    case .thread:
      let record = tree.threadTable[Int(tree.refs[node])]
      return record.name.isEmpty
        ? "thread \(record.id)" : "thread " + Sanitizer.clean(record.name)
    case .program:
      return Sanitizer.clean(tree.rowText(of: node))
    case .loss:
      return lost(node)
    case .call:
      var text = Sanitizer.clean(tree.callText(of: node))
      if let result = tree.result(of: node) { text += " → " + Sanitizer.clean(result) }
      text += error(node).map { " " + $0 } ?? ""
      text += state(node).map { " " + $0 } ?? ""
      return text
    }
  }

  /// The parts of a node in this tree that `changes` names (the B side of a `~` line); the
  /// whole call when its arguments changed.
  func parts(_ node: Int, _ changes: DiffChanges) -> String {
    if changes.contains(.args) { return self.node(node) }
    var parts: [String] = []
    if changes.contains(.result) {
      parts.append(tree.result(of: node).map { "→ " + Sanitizer.clean($0) } ?? "→ (no result)")
    }
    if changes.contains(.error) { parts.append(error(node) ?? "(no error)") }
    if changes.contains(.state) {
      switch tree.state(of: node) {
      case .running, .unfinished: parts.append(state(node) ?? "")
      // Implied by the error part when that changed too.
      case .threw where !changes.contains(.error): parts.append("(threw)")
      case .returned where !changes.contains(.error): parts.append("(returned)")
      case .threw, .returned: break
      }
    }
    if changes.contains(.lost) { parts.append(lost(node)) }
    return parts.joined(separator: " ")
  }

  func error(_ node: Int) -> String? {
    guard let error = tree.error(of: node) else { return nil }
    let tag = error.disposition == .caught ? "[caught]" : "[propagated]"
    return "↯ " + Sanitizer.clean(error.description) + " " + tag
  }

  func state(_ node: Int) -> String? {
    switch tree.state(of: node) {
    case .running: return "(running)"
    case .unfinished: return "(unfinished)"
    case .returned, .threw: return nil
    }
  }

  func lost(_ node: Int) -> String {
    let count = tree.lossCount(of: node)
    return "⚠ \(count) event\(count == 1 ? "" : "s") lost"
  }

  /// `self 12.3 µs`, nil without timing.
  func selfTime(_ node: Int) -> UInt64? { tree.selfTime(of: node) }
}
