import FlowTraceExplorer
import FlowTraceTUI
import FlowTraceWire
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace-tui A --diff B`: time to the first screen (the launcher's preparation, with the
/// merged tree, and one frame rendered), streaming (binary inputs) and, in the same run,
/// with `FLOWTRACE_DIFF_REFERENCE=1` (both whole trees, the path before).
extension DiffBench {
  static func tuiRows(
    _ a: TraceFile, _ early: TraceFile, _ same: TraceFile, runs: Int, decode: [Double]
  ) {
    for (label, b) in [("differ early", early), ("identical", same)] {
      var rows = 0
      var line = ""
      let fast = measure(runs) { (rows, line) = firstScreen(a.path, b.path) }
      report("tui --diff first screen, \(label)", fast, decode)
      print("    merged tree: \(rows) nodes; \(line)")
      setenv("FLOWTRACE_DIFF_REFERENCE", "1", 1)
      let old = measure(max(1, min(runs, 3))) { (rows, line) = firstScreen(a.path, b.path) }
      unsetenv("FLOWTRACE_DIFF_REFERENCE")
      report("tui --diff first screen, \(label), whole trees", old, decode)
      print("    merged tree: \(rows) nodes; \(line)")
    }
  }

  /// Opens the diff view as `flowtrace-tui A --diff B` does and renders one frame; returns
  /// the merged tree's size and the status message.
  static func firstScreen(_ a: String, _ b: String) -> (Int, String) {
    guard
      case .success(let app) = Launcher.prepare(
        LaunchOptions(path: a, diff: b), utf8Locale: true)
    else { return (0, "(could not open)") }
    let frame = ScreenBuffer(rows: 40, cols: 120)
    app.render(into: frame)
    return (app.document.tree.count, frame.line(39).trimmingCharacters(in: .whitespaces))
  }
}
