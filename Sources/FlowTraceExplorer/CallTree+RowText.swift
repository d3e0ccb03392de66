import FlowTraceText

extension CallTree {
  /// The text of a row as the runtime prints a call: `fib(3) → 2`, `b(y: 10)`,
  /// `Calc.add(3, 3)`; empty parens when arguments were not collected. Threads, programs
  /// and loss markers get a short label.
  public func rowText(of node: Int) -> String {
    switch flags[node].kind {
    case .call:
      var text = callText(of: node)
      if let result = result(of: node) { text += " → " + result }
      return text
    case .thread:
      let record = threadTable[Int(refs[node])]
      return record.name.isEmpty ? "thread \(record.id)" : "thread \(record.id) \(record.name)"
    case .program:
      let info = programStates[Int(refs[node])].info
      return "\(info.name) [pid \(info.pid)]"
    case .loss:
      let count = lossTable[Int(refs[node])].count
      return "⚠ \(count) event\(count == 1 ? "" : "s") lost"
    }
  }

  /// The names of a node's ancestors and itself, top down, for a breadcrumb
  /// (`main › parse › token`): calls by name, other nodes by their row text.
  public func breadcrumb(of node: Int) -> [String] {
    (ancestors(of: node) + [node]).map { kind(of: $0) == .call ? name(of: $0) : rowText(of: $0) }
  }

  /// `name(args)` without the result.
  public func callText(of node: Int) -> String {
    guard flags[node].kind == .call else { return rowText(of: node) }
    let site = siteTable[Int(refs[node])]
    return site.name + "(" + Self.argumentList(labels: site.labels, values: arguments(of: node))
      + ")"
  }

  /// `3, 3` or `y: 10`: values with their labels, `_` labels left out.
  static func argumentList(labels: [String], values: [String]?) -> String {
    values.map { CallText.argumentList(labels: labels, values: $0) } ?? ""
  }

  /// The labelled arguments, one per entry: `("y", "10")`; `_` labels are empty.
  public func labelledArguments(of node: Int) -> [(label: String, value: String)]? {
    guard let values = arguments(of: node), let site = site(of: node) else { return nil }
    let labels = siteTable[site].labels
    return values.enumerated().map { i, value in
      (CallText.shownLabel(at: i, in: labels) ?? "", value)
    }
  }
}
