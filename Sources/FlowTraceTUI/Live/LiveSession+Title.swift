import FlowTraceExplorer

extension LiveSession {
  /// The live title bar: a summary (`1,234 calls · 2 programs, 1 running · lost 120 (demo
  /// (pid 7) 120)`) and the mode badge (`LIVE FOLLOW · FLOWTRACE_SOCKET=<path> ./your-program`).
  package func title(follow: LiveFollow, tree: CallTree) -> (summary: String, mode: String) {
    var parts = ["\(Units.count(tree.callCount)) calls"]
    let programs = connections.compactMap(\.program)
    if programs.isEmpty {
      parts.append("waiting for programs")
    } else {
      parts.append(programSummary(programs.map { tree.program($0).end }))
    }
    let losses = connections.compactMap { connection -> (String, UInt64)? in
      guard let program = connection.program, tree.program(program).lost > 0 else { return nil }
      return (connection.displayName(in: tree), tree.program(program).lost)
    }
    if !losses.isEmpty {
      let total = losses.reduce(0) { $0 + $1.1 }
      let each = losses.prefix(3).map { "\($0.0) \(Units.count(Int(clamping: $0.1)))" }
      let more = losses.count > 3 ? ", …" : ""
      parts.append(
        "lost \(Units.count(Int(clamping: total))) (\(each.joined(separator: ", "))\(more))")
    }
    // Once programs are in, the hint gives way to the summary on narrow terminals.
    let hint =
      programs.isEmpty || listener == nil ? connectHint : "FLOWTRACE_SOCKET=\(path)"
    return (parts.joined(separator: " · "), "LIVE \(follow.label) · \(hint)")
  }

  /// `1 program, 1 running`, `1 program, exited 0 after 12.4 s`, or
  /// `3 programs, 1 running, 1 exited, 1 killed`.
  func programSummary(_ ends: [ProgramEnd?]) -> String {
    if ends.count == 1, let end = ends[0] { return "1 program, \(end.text())" }
    var text = "\(ends.count) \(ends.count == 1 ? "program" : "programs"), \(runningCount) running"
    for word in ["exited", "killed", "ended", "disconnected"] {
      let count = ends.count { $0?.word == word }
      if count > 0 { text += ", \(count) \(word)" }
    }
    return text
  }
}
