import FlowTraceExplorer
import FlowTraceWire

/// Writes the event stream of a small program by hand: sites are defined on first use, call
/// ids count up from 1, timestamps are whatever the test says.
struct TraceScript {
  var events: [TraceEvent] = []
  private var sites: [String: UInt32] = [:]
  private var threads: Set<UInt32> = []
  private var nextID: UInt64 = 1

  mutating func site(_ name: String, labels: [String] = []) -> UInt32 {
    if let id = sites[name] { return id }
    let id = UInt32(sites.count + 1)
    sites[name] = id
    events.append(
      .callSite(
        CallSite(id: id, qualifiedName: name, labels: labels, file: "Demo.swift", line: id * 10)))
    return id
  }

  /// Starts a call and returns its id.
  @discardableResult
  mutating func call(
    _ name: String, _ args: [String]? = nil, labels: [String]? = nil, parent: UInt64? = nil,
    thread: UInt32 = 1, task: UInt64 = 0, at time: UInt64? = nil
  ) -> UInt64 {
    let site = site(name, labels: labels ?? Array(repeating: "_", count: args?.count ?? 0))
    if !threads.contains(thread) {
      threads.insert(thread)
      events.append(.thread(ThreadInfo(id: thread, name: thread == 1 ? "main" : "worker")))
    }
    let id = nextID
    nextID += 1
    var flags: CollectFlags = [.result]
    if args != nil { flags.insert(.args) }
    if time != nil { flags.insert(.timing) }
    events.append(
      .call(
        CallStart(
          id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
          timestamp: time, args: args)))
    return id
  }

  mutating func ret(_ id: UInt64, _ result: String? = nil, at time: UInt64? = nil) {
    events.append(.return(CallEnd(id: id, timestamp: time, result: result)))
  }

  mutating func fail(_ id: UInt64, _ type: String, _ description: String, caught: Bool = false) {
    events.append(
      .error(
        CallError(
          id: id, type: type, description: description,
          disposition: caught ? .caught : .propagated)))
  }

  /// A call that returns at once.
  @discardableResult
  mutating func leaf(
    _ name: String, _ args: [String]? = nil, _ result: String? = nil, parent: UInt64?,
    thread: UInt32 = 1, from start: UInt64? = nil, to end: UInt64? = nil
  ) -> UInt64 {
    let id = call(name, args, parent: parent, thread: thread, at: start)
    ret(id, result, at: end)
    return id
  }

  func tree() -> CallTree {
    var tree = CallTree()
    tree.append(contentsOf: events)
    return tree
  }
}

extension CallTree {
  /// The first call node with this row text (`fib(2) → 1`) or call text (`fib(2)`).
  func node(_ text: String) -> Int? {
    (0..<count).first {
      kind(of: $0) == .call && (rowText(of: $0) == text || callText(of: $0) == text)
    }
  }
}

extension Outline {
  /// The visible rows as indented row texts, one per line.
  func text(_ tree: CallTree) -> String {
    (0..<rowCount).map { row in
      let node = node(atRow: row)
      let mark = hasVisibleChildren(node, in: tree) ? (isCollapsed(node) ? "▸ " : "▾ ") : "  "
      return String(repeating: "  ", count: tree.depth(of: node)) + mark + tree.rowText(of: node)
    }.joined(separator: "\n")
  }
}

/// fib(3) on thread 1, timed: 10 ns per leaf.
func fibScript() -> TraceScript {
  var s = TraceScript()
  let f3 = s.call("fib", ["3"], at: 0)
  let f2 = s.call("fib", ["2"], parent: f3, at: 1)
  s.leaf("fib", ["1"], "1", parent: f2, from: 2, to: 12)
  s.leaf("fib", ["0"], "0", parent: f2, from: 13, to: 23)
  s.ret(f2, "1", at: 24)
  s.leaf("fib", ["1"], "1", parent: f3, from: 25, to: 35)
  s.ret(f3, "2", at: 40)
  return s
}
