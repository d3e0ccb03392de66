/// The attach picker's screen and keys, without a terminal: a list of programs, one selected;
/// `j`/`k`/arrows move, Enter chooses, `q`/Esc quits.
package struct AttachPickerModel {
  /// What a key did.
  package enum Outcome: Equatable, Sendable {
    case stay
    case choose(Int32)
    case quit
  }

  package private(set) var candidates: [AttachCandidate]
  package private(set) var selected = 0
  /// Where the programs were looked for (shown in the title).
  package let directory: String

  package init(candidates: [AttachCandidate], directory: String) {
    self.candidates = candidates
    self.directory = directory
  }

  /// Takes a fresh list, keeping the selected program selected if it is still there.
  package mutating func update(_ fresh: [AttachCandidate]) {
    let pid = candidates.indices.contains(selected) ? candidates[selected].pid : nil
    candidates = fresh
    selected = fresh.firstIndex { $0.pid == pid } ?? min(selected, max(0, fresh.count - 1))
  }

  package mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .char("j"), .down: selected = min(selected + 1, max(0, candidates.count - 1))
    case .char("k"), .up: selected = max(selected - 1, 0)
    case .char("g"), .home: selected = 0
    case .char("G"), .end: selected = max(0, candidates.count - 1)
    case .enter, .char("l"), .right:
      guard candidates.indices.contains(selected), candidates[selected].calls != nil else {
        return .stay
      }
      return .choose(candidates[selected].pid)
    case .char("q"), .escape, .ctrl("c"): return .quit
    default: break
    }
    return .stay
  }

  /// Draws the whole screen.
  package func draw(on terminal: Terminal) {
    let size = terminal.size
    let blank = String(repeating: " ", count: max(0, size.cols))
    for row in 0..<size.rows { terminal.write(blank, row: row, col: 0, style: .plain) }
    let title = " Attach to a running program · \(directory)"
    terminal.write(
      TextFit.pad(title, width: size.cols), row: 0, col: 0, style: TextStyle(attrs: .reverse))
    let header = Self.row(pid: "PID", program: "PROGRAM", uptime: "UPTIME", calls: "CALLS")
    terminal.write(
      TextFit.pad(header, width: size.cols), row: 1, col: 0, style: TextStyle(attrs: .bold))
    if candidates.isEmpty {
      terminal.write(
        TextFit.pad(" no traced program of yours offers attaching", width: size.cols),
        row: 2, col: 0, style: .plain)
    }
    for (index, candidate) in candidates.enumerated() where index + 2 < size.rows - 1 {
      let text = Self.row(
        pid: String(candidate.pid), program: candidate.program,
        uptime: candidate.uptimeSeconds.map { Self.uptime($0) } ?? "?",
        calls: candidate.calls.map { Units.count(Int(clamping: $0)) } ?? "-")
      let style = index == selected ? TextStyle(attrs: .reverse) : .plain
      terminal.write(TextFit.pad(text, width: size.cols), row: index + 2, col: 0, style: style)
    }
    let help = " j/k move · Enter attach · q quit"
    terminal.write(
      TextFit.pad(help, width: size.cols), row: size.rows - 1, col: 0,
      style: TextStyle(attrs: .dim))
    terminal.flush()
  }

  static func row(pid: String, program: String, uptime: String, calls: String) -> String {
    " " + TextFit.padLeft(pid, width: 8) + "  " + TextFit.pad(program, width: 32) + "  "
      + TextFit.padLeft(uptime, width: 9) + "  " + TextFit.padLeft(calls, width: 10)
  }

  /// `42s`, `3m05s`, `2h07m`, `3d04h`.
  static func uptime(_ seconds: Double) -> String {
    let s = Int(seconds)
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s" }
    if s < 86400 { return "\(s / 3600)h" + ((s / 60) % 60 < 10 ? "0" : "") + "\((s / 60) % 60)m" }
    return "\(s / 86400)d" + ((s / 3600) % 24 < 10 ? "0" : "") + "\((s / 3600) % 24)h"
  }
}
