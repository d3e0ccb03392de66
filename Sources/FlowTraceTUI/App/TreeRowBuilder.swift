import FlowTraceExplorer

/// Turns tree nodes into `TreeRowView`s: guides, fold mark, `name(args) → result`, marks.
struct TreeRowBuilder {
  let tree: CallTree
  let outline: Outline
  let context: RenderContext
  /// Cells available for the row (guides beyond this are compressed).
  let width: Int

  func row(for node: Int) -> TreeRowView {
    let g = context.glyphs
    let fold: String
    if tree.hasChildren(node) {
      fold = outline.isCollapsed(node) ? g.folded : g.unfolded
    } else {
      fold = g.leaf
    }
    return TreeRowView(
      guides: guides(for: node), fold: fold, segments: segments(for: node),
      duration: duration(for: node), hot: isHot(node))
  }

  /// `│ ├ ` from the ancestors' next-sibling state; deep rows keep the innermost levels
  /// and show how many were left out.
  func guides(for node: Int) -> String {
    let depth = tree.depth(of: node)
    guard depth > 0 else { return "" }
    let g = context.glyphs
    let maxLevels = max(8, (width - 16) / 2)
    var levels: [String] = [hasVisibleNextSibling(node) ? g.guideTee : g.guideEnd]
    var current = tree.parent(of: node)
    while let c = current, tree.depth(of: c) > 0, levels.count < maxLevels {
      levels.append(hasVisibleNextSibling(c) ? g.guideBar : g.guideSpace)
      current = tree.parent(of: c)
    }
    let hidden = depth - levels.count
    let prefix = hidden > 0 ? "\(g.ellipsis)\(hidden)" + " " : ""
    return prefix + levels.reversed().joined()
  }

  func hasVisibleNextSibling(_ node: Int) -> Bool {
    var sibling = tree.nextSibling(of: node)
    var steps = 0
    while let s = sibling {
      if outline.passesFilter(s) { return true }
      steps += 1
      if steps > 4096 { return true }
      sibling = tree.nextSibling(of: s)
    }
    return false
  }

  func segments(for node: Int) -> [Segment] {
    switch tree.kind(of: node) {
    case .thread:
      return [Segment(context.clean(tree.rowText(of: node)), .thread)]
    case .program:
      var out = [Segment(context.clean(tree.rowText(of: node)), .thread)]
      if let end = tree.program(tree.program(of: node)).end {
        let failed = [.exited(0), .ended, .disconnected].contains(end.cause) == false
        out.append(
          Segment(
            context.glyphs.separator + end.text(ascii: context.ascii), failed ? .errorMark : .task))
      }
      return out
    case .loss:
      let count = tree.lossCount(of: node)
      return [Segment("\(context.glyphs.loss) \(Units.count(Int(count))) events lost", .loss)]
    case .call:
      return callSegments(node)
    }
  }

  func callSegments(_ node: Int) -> [Segment] {
    var out: [Segment] = []
    let task = tree.taskID(of: node)
    if task != 0, tree.parent(of: node).map({ tree.taskID(of: $0) }) != task {
      out.append(Segment("\(context.glyphs.taskMark)\(task) ", .task))
    }
    out.append(Segment(context.clean(tree.name(of: node)), .name))
    out.append(Segment("(", .arrow))
    if let args = tree.labelledArguments(of: node) {
      for (i, arg) in args.enumerated() {
        if i > 0 { out.append(Segment(", ", .arrow)) }
        if !arg.label.isEmpty { out.append(Segment(context.clean(arg.label) + ": ", .args)) }
        out.append(Segment(clip(arg.value), .args))
      }
    }
    out.append(Segment(")", .arrow))
    if let result = tree.result(of: node) {
      out.append(Segment(" \(context.glyphs.arrow) ", .arrow))
      out.append(Segment(clip(result), .result))
    }
    if let error = tree.error(of: node) {
      let verb = error.disposition == .caught ? "caught " : ""
      out.append(
        Segment(" \(context.glyphs.errorMark) \(verb)\(context.clean(error.type))", .errorMark))
    }
    switch tree.state(of: node) {
    case .running: out.append(Segment(" (running)", .task))
    case .unfinished: out.append(Segment(" (unfinished)", .task))
    case .returned, .threw: break
    }
    return out
  }

  /// A value for one row: at most `rowValueLimit` characters (the detail pane shows it
  /// whole), sanitised.
  func clip(_ value: String) -> String {
    guard value.utf8.count > Self.rowValueLimit else { return context.clean(value) }
    return context.clean(String(value.prefix(Self.rowValueLimit))) + context.glyphs.ellipsis
  }

  static let rowValueLimit = 1024

  func duration(for node: Int) -> String {
    guard tree.kind(of: node) == .call, let ns = tree.elapsed(of: node) else { return "" }
    let text = Units.duration(ns, ascii: context.ascii)
    return tree.state(of: node) == .running ? text + "+" : text
  }

  /// A call that takes at least a fifth of its program's traced time.
  func isHot(_ node: Int) -> Bool {
    guard tree.kind(of: node) == .call, let ns = tree.elapsed(of: node),
      let span = tree.timeSpan(program: tree.program(of: node)), span.latest > span.first
    else { return false }
    return ns * 5 >= span.latest - span.first && tree.parent(of: node).map(tree.kind) == .call
  }
}
