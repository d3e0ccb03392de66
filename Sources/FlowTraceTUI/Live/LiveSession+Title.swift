import FlowTraceExplorer

extension LiveSession {
  /// The live part of the title bar: `LIVE FOLLOW · 2 programs, 1 running · lost 120 (demo 120)
  /// · FLOWTRACE_SOCKET=<path> ./your-program`.
  public func titleText(follow: LiveFollow, tree: CallTree) -> String {
    var parts = ["LIVE \(follow.label)"]
    let programs = connections.compactMap(\.program)
    if programs.isEmpty {
      parts.append("waiting for programs")
    } else {
      let noun = programs.count == 1 ? "program" : "programs"
      parts.append("\(programs.count) \(noun), \(runningCount) running")
    }
    let losses = connections.compactMap { connection -> (String, UInt64)? in
      guard let program = connection.program, tree.program(program).lost > 0 else { return nil }
      return (connection.displayName(in: tree), tree.program(program).lost)
    }
    if !losses.isEmpty {
      let total = losses.reduce(0) { $0 + $1.1 }
      let each = losses.prefix(3).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
      parts.append("lost \(total) (\(each)\(losses.count > 3 ? ", …" : ""))")
    }
    parts.append(connectHint)
    return parts.joined(separator: " · ")
  }
}
