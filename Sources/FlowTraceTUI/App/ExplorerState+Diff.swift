import FlowTraceExplorer
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// The diff view: this trace and a second one as one tree with `-`/`+`/`~` marks.
extension ExplorerState {
  /// Shows the merged tree of the current trace (A) and `path` (B) as opened; `opened.a` is
  /// A's file (when it is one) and `opened.streamed` the streaming diff of the two files when
  /// it applied (both binary). Returns the problem when B could not be read.
  @discardableResult
  mutating func compare(with path: String, opened: OpenedComparison) -> String? {
    let file: TraceFile
    switch opened.b {
    case .success(let opened): file = opened
    case .failure(let error):
      message = .error(error.description)
      return error.description
    }
    if let merged = opened.streamed {
      show(merged, path: path, problem: nil)
      return nil
    }
    let other = LoadedTrace(file)
    if other.tree.count == 0 {
      let text = "\(path): not a FlowTrace trace" + (other.problem.map { ": " + $0 } ?? "")
      message = .error(text)
      return text
    }
    var a = diff?.a ?? tree
    if let diff, diff.isPruned, let fileA = opened.a { a = LoadedTrace(fileA).tree }
    show(MergedDiff(a, other.tree), path: path, problem: other.problem)
    return nil
  }

  /// Where A is read from for a comparison: the first trace's source once a diff is shown.
  var comparedSource: String { diff == nil ? document.source : sourceA }

  /// The streaming merged tree of A's file and B's, nil when it does not apply
  /// (`FLOWTRACE_DIFF_REFERENCE` set, either file not a binary trace).
  static func streamingMerge(_ a: TraceFile?, _ b: TraceFile) -> MergedDiff? {
    guard getenv("FLOWTRACE_DIFF_REFERENCE") == nil, b.format == .binary, let a,
      a.format == .binary
    else { return nil }
    return StreamingDiff.merged(a, b)
  }

  /// Replaces the view with the merged tree and goes to its first difference.
  mutating func show(_ merged: MergedDiff, path: String, problem: String?) {
    if diff == nil { sourceA = document.source }
    diff = merged
    let base = { (path: String) in path.split(separator: "/").last.map(String.init) ?? path }
    document = TraceDocument(
      source: base(sourceA) + " ⇢ " + base(path), header: document.header, tree: merged.tree,
      problem: nil)
    outline = Outline(tree: merged.tree)
    search = nil
    searchHighlighter = nil
    functionStats = nil
    cursor = 0
    scroll = 0
    let count = merged.differences.count
    let note = problem.map { " (B: \($0))" } ?? ""
    if count == 0 {
      message = .info("no differences" + note)
    } else {
      jump(to: merged.differences[0])
      message = .info(
        "\(Units.count(count)) difference\(count == 1 ? "" : "s"): d/D next/previous, "
          + "v differences only" + note)
    }
  }

  mutating func performDiff(_ action: Action) {
    if action == .compareTrace {
      mode = .prompt(.compare, LineEditor())
      return
    }
    guard let diff else {
      message = .info("no second trace: c compares with one (or start with --diff FILE)")
      return
    }
    switch action {
    case .differencesOnly:
      let node = currentNode
      if outline.filter?.source == Self.differencesOnlyLabel {
        outline.setFilter(nil, in: document.tree)
        message = .info("all calls")
      } else {
        outline.showOnly(diff.differingNodes, label: Self.differencesOnlyLabel, in: document.tree)
        message = .info("differences only (v shows everything)")
      }
      restoreCursor(to: node)
    case .nextDifference, .previousDifference:
      jumpToDifference(diff.differences, forward: action == .nextDifference)
    default:
      break
    }
  }

  static let differencesOnlyLabel = "differences only"

  mutating func jumpToDifference(_ nodes: [Int], forward: Bool) {
    guard !nodes.isEmpty else {
      message = .info("no differences")
      return
    }
    let here = currentNode ?? -1
    // Nodes are in display order (the merged tree is written depth first).
    var low = 0
    var high = nodes.count
    while low < high {
      let mid = (low + high) / 2
      if forward ? nodes[mid] <= here : nodes[mid] < here { low = mid + 1 } else { high = mid }
    }
    var index = forward ? low : low - 1
    var wrapped = false
    if index >= nodes.count || index < 0 {
      index = forward ? 0 : nodes.count - 1
      wrapped = true
    }
    if !jump(to: nodes[index]) {
      message = .info("that difference is hidden by the filter")
      return
    }
    let position = "difference \(index + 1)/\(nodes.count)"
    message = .info(wrapped ? position + " (wrapped)" : position)
  }

  /// A tree row with its diff mark in front and, for a changed call, B's side after.
  func diffRow(_ row: TreeRowView, node: Int) -> TreeRowView {
    guard let diff else { return row }
    var out = row
    let (mark, area): (String, ThemeArea)
    switch diff.mark(of: node) {
    case .same: (mark, area) = (" ", .tree)
    case .context: (mark, area) = (tree.kind(of: node) == .call ? "~" : " ", .diffContext)
    case .changed: (mark, area) = ("~", .diffChanged)
    case .removed: (mark, area) = ("-", .diffRemoved)
    case .added: (mark, area) = ("+", .diffAdded)
    }
    if diff.mark(of: node) == .removed || diff.mark(of: node) == .added {
      out.segments = out.segments.map { Segment($0.text, area) }
    }
    out.segments.insert(Segment(mark + " ", area), at: 0)
    let parts = diff.changedParts(of: node)
    if !parts.isEmpty {
      out.segments.append(Segment("  ⇢  " + context.clean(parts), .diffChanged))
    }
    let folded = diff.foldedCalls(below: node)
    if folded > 0 {
      out.segments.append(
        Segment("  … \(Units.count(folded)) identical call\(folded == 1 ? "" : "s")", .diffContext))
    }
    return out
  }

  /// The detail pane's first lines in the diff view: the mark, and A's and B's side.
  func diffDetail(_ node: Int, into body: inout DetailBody, width: Int) {
    guard let diff else { return }
    let (a, b) = diff.sides(of: node)
    let mark = diff.mark(of: node)
    let verdict: String
    switch mark {
    case .same:
      let folded = diff.foldedCalls(below: node)
      verdict =
        "the same in A and B"
        + (folded > 0 ? ", and the \(Units.count(folded)) calls below (not loaded)" : "")
    case .context: verdict = "the same in A and B; calls below differ"
    case .changed: verdict = "changed: " + diff.changes(of: node).names.joined(separator: ", ")
    case .removed: verdict = "only in A"
    case .added: verdict = "only in B"
    }
    let area: ThemeArea =
      mark == .removed ? .diffRemoved : mark == .added ? .diffAdded : .diffChanged
    body.field("Diff", verdict, width: width, area: mark == .same ? .value : area)
    if mark == .changed {
      if let a { body.field("A", context.clean(diff.text(of: a, inB: false)), width: width) }
      if let b {
        body.field(
          "B", context.clean(diff.text(of: b, inB: true)), width: width, area: .diffChanged)
      }
    }
    body.blank()
  }
}
