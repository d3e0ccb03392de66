import FlowTraceExplorer
import FlowTraceWire

/// Counts and per-function times of a trace, computed in one streaming pass.
struct TraceStatistics {
  /// The figures of one function (call site): the explorer's, so both count alike.
  typealias Function = FunctionStats.Entry

  private struct Frame {
    var site: UInt32
    var parent: UInt64?
    var start: UInt64?
    var childTime: UInt64 = 0
  }

  var events = 0
  var calls = 0
  var openAtEnd: Int { open.count }
  var errorsPropagated = 0
  var errorsCaught = 0
  var lost: UInt64 = 0
  var threads: Set<UInt32> = []
  var tasks: Set<UInt64> = []
  var firstTimestamp: UInt64?
  var lastTimestamp: UInt64?
  var isEnded = false
  private(set) var functions: [UInt32: Function] = [:]
  private var open: [UInt64: Frame] = [:]

  mutating func consume(_ event: TraceEvent) {
    events += 1
    switch event {
    case .callSite(let s): functions[s.id] = Function(site: Int(s.id), name: s.qualifiedName)
    case .thread(let t): threads.insert(t.id)
    case .task(let t): tasks.insert(t.id)
    case .call(let c):
      calls += 1
      functions[c.site, default: Function(site: Int(c.site), name: "site \(c.site)")].calls += 1
      see(c.timestamp)
      open[c.id] = Frame(site: c.site, parent: c.parent, start: c.timestamp)
    case .return(let r):
      see(r.timestamp)
      guard let frame = open.removeValue(forKey: r.id) else { return }
      guard let start = frame.start, let end = r.timestamp, end >= start else { return }
      let duration = end - start
      functions[frame.site]?.addTimed(
        duration: duration, selfTime: duration > frame.childTime ? duration - frame.childTime : 0)
      if let parent = frame.parent { open[parent]?.childTime &+= duration }
    case .error(let e):
      if e.disposition == .caught { errorsCaught += 1 } else { errorsPropagated += 1 }
      if let site = open[e.id]?.site { functions[site]?.errors += 1 }
    case .loss(let l): lost &+= l.count
    case .end: isEnded = true
    }
  }

  private mutating func see(_ timestamp: UInt64?) {
    guard let timestamp else { return }
    firstTimestamp = min(firstTimestamp ?? timestamp, timestamp)
    lastTimestamp = max(lastTimestamp ?? timestamp, timestamp)
  }

  /// The `count` functions that rank highest by `key` (ties: more calls, then name).
  func top(_ count: Int, by key: (Function) -> UInt64) -> [Function] {
    FunctionStats.top(count, of: functions.values, by: key)
  }
}
