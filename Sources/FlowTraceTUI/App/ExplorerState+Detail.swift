import FlowTraceExplorer
import FlowTraceWire

/// The detail pane's content for one node and tab: lines, and lines that jump to a call.
struct DetailBody {
  var lines: [[Segment]] = []
  /// Jumpable lines: (line index, node).
  var targets: [(line: Int, node: Int)] = []

  mutating func field(_ label: String, _ value: String, width: Int, area: ThemeArea = .value) {
    let labelText = label + ": "
    let labelWidth = DisplayWidth.of(labelText)
    if labelWidth + DisplayWidth.of(value) <= width {
      lines.append([Segment(labelText, .label), Segment(value, area)])
    } else {
      lines.append([Segment(label + ":", .label)])
      text(value, width: width, indent: 2, area: area)
    }
  }

  mutating func text(_ value: String, width: Int, indent: Int = 0, area: ThemeArea = .value) {
    let pad = String(repeating: " ", count: indent)
    for line in TextFit.wrap(value, width: max(1, width - indent)) {
      lines.append([Segment(pad + line, area)])
    }
  }

  mutating func note(_ value: String) { lines.append([Segment(value, .guide)]) }

  mutating func blank() { lines.append([]) }
}

extension ExplorerState {
  func detailTargets() -> [Int] {
    detailBody(width: 80).targets.map(\.node)
  }

  func detailLines(width: Int) -> [[Segment]] {
    detailBody(width: width).lines
  }

  /// Builds the active tab for the node under the cursor; values are sanitised and wrapped.
  func detailBody(width: Int) -> DetailBody {
    var body = DetailBody()
    guard let node = currentNode else {
      body.note("no call selected")
      return body
    }
    let w = max(4, width - 1)
    let clean = context.clean
    if diff != nil { diffDetail(node, into: &body, width: w) }
    switch tree.kind(of: node) {
    case .thread, .program:
      body.field("Root", clean(tree.rowText(of: node)), width: w)
      if let id = tree.threadID(of: node) { body.field("Thread id", "\(id)", width: w) }
      let program = tree.program(tree.program(of: node))
      if !program.name.isEmpty { body.field("Program", clean(program.name), width: w) }
      if program.pid != 0 { body.field("Pid", "\(program.pid)", width: w) }
      return body
    case .loss:
      body.field("Lost", "\(tree.lossCount(of: node)) events", width: w, area: .loss)
      body.note("The producer could not keep up and dropped these events.")
      return body
    case .call:
      break
    }
    switch tab {
    case .args: argsTab(node, into: &body, width: w)
    case .result: resultTab(node, into: &body, width: w)
    case .timing: timingTab(node, into: &body, width: w)
    case .exception: exceptionTab(node, into: &body, width: w)
    case .thread: threadTab(node, into: &body, width: w)
    case .source: sourceTab(node, into: &body, width: w)
    }
    return body
  }

  func argsTab(_ node: Int, into body: inout DetailBody, width: Int) {
    guard let args = tree.labelledArguments(of: node) else {
      body.note("arguments were not collected")
      return
    }
    if args.isEmpty { body.note("no arguments") }
    for (i, arg) in args.enumerated() {
      let label = arg.label.isEmpty ? "#\(i + 1)" : context.clean(arg.label)
      body.field(label, context.clean(arg.value), width: width, area: .args)
    }
  }

  func resultTab(_ node: Int, into body: inout DetailBody, width: Int) {
    if let result = tree.result(of: node) {
      body.text(context.clean(result), width: width, area: .result)
    } else if let error = tree.error(of: node), error.disposition == .propagated {
      body.field("Threw", context.clean(error.type), width: width, area: .errorMark)
    } else {
      switch tree.state(of: node) {
      case .running: body.note("still running")
      case .unfinished: body.note("never returned (the program stopped first)")
      default: body.note("no result (Void, or results were not collected)")
      }
    }
  }

  func timingTab(_ node: Int, into body: inout DetailBody, width: Int) {
    let d = { Units.duration($0, ascii: self.context.ascii) }
    if let timing = tree.timing(of: node) {
      body.field("Start", "+" + d(timing.startOffset) + " from trace start", width: width)
      body.field(
        "Duration", d(timing.duration) + (timing.isRunning ? " (running)" : ""), width: width,
        area: .duration)
      body.field("Self time", d(timing.selfTime), width: width)
      if let share = timing.shareOfParent {
        body.field("Of parent", Units.percent(share), width: width)
      }
      if let share = timing.shareOfTotal {
        body.field("Of total", Units.percent(share), width: width)
      }
    } else {
      body.note("timing was not collected")
    }
    guard let site = tree.site(of: node), let entry = functionStats?[site] else { return }
    body.blank()
    body.lines.append([
      Segment("Function ", .label), Segment(context.clean(tree.siteName(site)), .name),
    ])
    body.field("Calls", Units.count(entry.calls), width: width)
    if entry.timedCalls > 0 {
      body.field("Total", d(entry.total), width: width)
      body.field("Self total", d(entry.selfTime), width: width)
      body.field(
        "Min/avg/max", "\(d(entry.min)) / \(d(entry.average)) / \(d(entry.max))", width: width)
    }
    if entry.errors > 0 { body.field("Errors", Units.count(entry.errors), width: width) }
  }

  func exceptionTab(_ node: Int, into body: inout DetailBody, width: Int) {
    guard let error = tree.error(of: node) else {
      body.note("no error was thrown or caught here")
      return
    }
    body.field("Type", context.clean(error.type), width: width, area: .errorMark)
    body.field("Description", context.clean(error.description), width: width)
    body.field(
      "Here",
      error.disposition == .caught ? "caught (returned normally)" : "propagated (thrown out)",
      width: width)
    let chain = tree.exceptionChain(of: node)
    guard !chain.isEmpty else { return }
    body.blank()
    body.lines.append([Segment("Chain (Enter jumps):", .label)])
    for step in chain {
      let role: String
      switch step.role {
      case .thrownIn: role = "thrown in    "
      case .propagatedThrough: role = "through      "
      case .caughtIn: role = "caught in    "
      }
      body.targets.append((body.lines.count, step.node))
      let mark = step.node == node ? " ←" : ""
      body.lines.append([
        Segment(role, .label), Segment(context.clean(tree.callText(of: step.node)), .name),
        Segment(mark, .arrow),
      ])
    }
  }

  func threadTab(_ node: Int, into body: inout DetailBody, width: Int) {
    let program = tree.program(of: node)
    if let thread = tree.threadID(of: node) {
      let name = tree.threadName(program: program, thread: thread) ?? ""
      body.field(
        "Thread", "\(thread)" + (name.isEmpty ? "" : " " + context.clean(name)), width: width,
        area: .thread)
    }
    let task = tree.taskID(of: node)
    if task == 0 {
      body.field("Task", "none (synchronous code)", width: width)
    } else {
      let info = tree.task(task, program: program)
      let name = info.map { $0.name.isEmpty ? "" : " " + context.clean($0.name) } ?? ""
      body.field("Task", "\(task)\(name)", width: width, area: .task)
      if let parent = info?.parent { body.field("Parent task", "\(parent)", width: width) }
    }
    let info = tree.program(program)
    if !info.name.isEmpty {
      body.field(
        "Program", context.clean(info.name) + (info.pid != 0 ? " [pid \(info.pid)]" : ""),
        width: width)
    }
  }

  func sourceTab(_ node: Int, into body: inout DetailBody, width: Int) {
    guard let site = tree.site(of: node) else { return }
    let location = tree.siteLocation(site)
    body.field("Function", context.clean(tree.siteName(site)), width: width, area: .name)
    body.field("Location", context.clean("\(location.file):\(location.line)"), width: width)
    guard location.line > 0, let lines = sourceLines(location.file) else { return }
    body.blank()
    let first = max(1, location.line - 3)
    let last = min(lines.count, location.line + 3)
    guard first <= last else { return }
    let numberWidth = String(last).count
    for number in first...last {
      let mark = number == location.line ? context.glyphs.arrow : ""
      let gutter =
        TextFit.padLeft(mark, width: 2) + " " + TextFit.padLeft(String(number), width: numberWidth)
        + " "
      body.lines.append([
        Segment(gutter, number == location.line ? .label : .guide),
        Segment(context.clean(lines[number - 1]), .value),
      ])
    }
  }

  /// The lines of a source file named by a call site, as the `readSource` effect read them
  /// (nil: unreadable, or not read yet).
  func sourceLines(_ file: String) -> [String]? {
    sourceCache[file] ?? nil
  }

  /// What the detail pane needs before it is drawn: the Timing tab's per-function figures
  /// (computed here, once) and the Source tab's file (asked of the world: the effect).
  mutating func prepareDetail() -> [ExplorerEffect] {
    guard let node = currentNode, tree.kind(of: node) == .call, let site = tree.site(of: node)
    else { return [] }
    switch tab {
    case .timing:
      if functionStats == nil { functionStats = FunctionStats(tree: tree) }
    case .source:
      let location = tree.siteLocation(site)
      if location.line > 0, sourceCache[location.file] == nil {
        return [.readSource(path: location.file)]
      }
    default: break
    }
    return []
  }

  /// Takes in a source file the `readSource` effect read (nil: unreadable).
  mutating func sourceRead(_ file: String, bytes: [UInt8]?) {
    let lines = bytes.map {
      String(decoding: $0, as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    sourceCache.updateValue(lines, forKey: file)
  }
}
