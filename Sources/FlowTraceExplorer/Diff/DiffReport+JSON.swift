extension DiffReport {
  /// The report as one JSON object (for tools): the summary, the first difference (an index
  /// into `entries` and the indices of its ancestors) and every entry with both sides.
  public func json(sourceA: String, sourceB: String) -> String {
    var out = "{\"a\":" + Self.string(sourceA) + ",\"b\":" + Self.string(sourceB)
    out += ",\"identical\":\(!hasDifferences)"
    let c = counts
    out += ",\"summary\":{\"changed\":\(c.changed),\"onlyInA\":\(c.removed)"
    out += ",\"onlyInB\":\(c.added),\"identicalCalls\":\(identicalCalls)}"
    if let first {
      out += ",\"first\":{\"entry\":\(first),\"path\":["
      out += firstPath.map(String.init).joined(separator: ",") + "]}"
    } else {
      out += ",\"first\":null"
    }
    out += ",\"entries\":["
    for (index, entry) in entries.enumerated() {
      if index > 0 { out += "," }
      out += "\n{\"kind\":\"\(entry.kind.name)\",\"depth\":\(entry.depth)"
      if let node = entry.a { out += ",\"a\":" + Self.node(a, node) }
      if let node = entry.b { out += ",\"b\":" + Self.node(b, node) }
      if !entry.changes.isEmpty {
        out +=
          ",\"changes\":[" + entry.changes.names.map { "\"\($0)\"" }.joined(separator: ",")
          + "]"
      }
      if entry.kind != .context && entry.kind != .changed { out += ",\"calls\":\(entry.calls)" }
      out += "}"
    }
    return out + "]}\n"
  }

  static func node(_ tree: CallTree, _ node: Int) -> String {
    switch tree.kind(of: node) {
    case .thread:
      let record = tree.threadTable[Int(tree.refs[node])]
      return "{\"kind\":\"thread\",\"name\":" + string(record.name) + "}"
    case .program:
      return "{\"kind\":\"program\",\"name\":" + string(tree.rowText(of: node)) + "}"
    case .loss:
      return "{\"kind\":\"loss\",\"lost\":\(tree.lossCount(of: node))}"
    case .call:
      var out = "{\"kind\":\"call\",\"name\":" + string(tree.name(of: node))
      out += ",\"text\":" + string(tree.callText(of: node))
      if let args = tree.arguments(of: node) {
        out += ",\"args\":[" + args.map(string).joined(separator: ",") + "]"
      }
      if let result = tree.result(of: node) { out += ",\"result\":" + string(result) }
      if let error = tree.error(of: node) {
        out += ",\"error\":{\"type\":" + string(error.type) + ",\"description\":"
        out += string(error.description) + ",\"disposition\":"
        out += error.disposition == .caught ? "\"caught\"}" : "\"propagated\"}"
      }
      let state: String
      switch tree.state(of: node) {
      case .running: state = "running"
      case .returned: state = "returned"
      case .threw: state = "threw"
      case .unfinished: state = "unfinished"
      }
      out += ",\"state\":\"\(state)\""
      if let selfTime = tree.selfTime(of: node) { out += ",\"selfNanos\":\(selfTime)" }
      return out + "}"
    }
  }

  /// A JSON string literal.
  static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension DiffReport.Kind {
  /// The kind as JSON names it.
  public var name: String {
    switch self {
    case .context: return "context"
    case .changed: return "changed"
    case .removed: return "onlyInA"
    case .added: return "onlyInB"
    case .same: return "identical"
    }
  }
}

extension DiffChanges {
  /// The names of the changed parts, for JSON.
  public var names: [String] {
    var out: [String] = []
    if contains(.args) { out.append("args") }
    if contains(.result) { out.append("result") }
    if contains(.error) { out.append("error") }
    if contains(.state) { out.append("state") }
    if contains(.lost) { out.append("lost") }
    if contains(.timing) { out.append("timing") }
    return out
  }
}
