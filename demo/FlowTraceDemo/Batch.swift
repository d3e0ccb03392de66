import FlowTrace

/// `flowtrace-demo batch LINE…`: the live demo's import batch on the given lines, then a
/// summary — two runs with different lines are the worked example of `flowtrace diff`.
public func runBatch(_ lines: [String]) {
  FlowTrace.resetConfig()
  let total = importBatch(lines)
  _ = summarize(total, count: lines.count)
}

@Trace func summarize(_ total: Int, count: Int) -> String {
  "\(count) lines, total \(total)"
}
