import FlowTraceWire

/// Keeps a stream valid while dropping calls: a dropped call's error and return are dropped
/// too, and its children hang under its nearest kept ancestor.
struct DropFilter {
  /// Dropped open calls and the kept ancestor their children attach to.
  private var dropped: [UInt64: UInt64?] = [:]
  private(set) var pendingLoss: UInt64 = 0
  private var lossThread: UInt32?
  private var lossParent: UInt64?

  /// True when no dropped call is open (its return and children still to be filtered).
  var isEmpty: Bool { dropped.isEmpty }

  /// Drops a call event (counted).
  mutating func drop(_ start: CallStart) {
    let parent = start.parent.flatMap { resolve($0) }
    dropped[start.id] = .some(parent)
    pendingLoss += 1
    lossThread = start.thread
    lossParent = parent
  }

  /// Counts an event lost without its call (e.g. one the encoder refused).
  mutating func count(_ events: UInt64 = 1) { pendingLoss += events }

  /// The event as it may be sent now, or nil when it belongs to a dropped call.
  mutating func pass(_ event: TraceEvent) -> TraceEvent? {
    switch event {
    case .call(var start):
      if let parent = start.parent, dropped[parent] != nil { start.parent = resolve(parent) }
      return .call(start)
    case .return(let end):
      if dropped.removeValue(forKey: end.id) != nil { return nil }
      return event
    case .error(let error):
      return dropped[error.id] != nil ? nil : event
    default:
      return event
    }
  }

  /// The loss record to send once the stream accepts events again.
  mutating func takeLoss() -> TraceEvent? {
    guard pendingLoss > 0 else { return nil }
    defer { pendingLoss = 0 }
    return .loss(Loss(count: pendingLoss, thread: lossThread, parent: lossParent))
  }

  /// The nearest kept ancestor of `id` (itself when kept).
  private func resolve(_ id: UInt64) -> UInt64? {
    guard let entry = dropped[id] else { return id }
    return entry
  }
}
