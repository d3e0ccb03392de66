/// Checks a sequence of `TraceEvent`s against the rules the binary decoder enforces (defined
/// sites, threads and tasks; increasing call ids; parents that exist; returns of the innermost
/// open call; nothing after the end), for readers of formats with explicit ids.
struct TraceValidator {
  private var sites: Set<UInt32> = []
  private var threads: Set<UInt32> = []
  private var tasks: Set<UInt64> = []
  private var lastCallID: UInt64 = 0
  private var openCalls: [UInt64: StackKey] = [:]
  private var stacks: [StackKey: [UInt64]] = [:]
  private(set) var isEnded = false

  /// Accepts `event` or says why it breaks the rules.
  mutating func check(_ event: TraceEvent) throws(RecordFault) {
    if isEnded { throw RecordFault("event after the end of the stream") }
    switch event {
    case .callSite(let s):
      guard sites.insert(s.id).inserted else {
        throw RecordFault("call site \(s.id) is defined twice")
      }
    case .thread(let t): threads.insert(t.id)
    case .task(let t):
      guard t.id != 0 else { throw RecordFault("task id 0 is reserved for 'no task'") }
      tasks.insert(t.id)
    case .call(let c): try checkCall(c)
    case .return(let r):
      guard let key = openCalls[r.id] else {
        throw RecordFault("return of call \(r.id), which is not open")
      }
      guard stacks[key]?.last == r.id else {
        throw RecordFault("return of call \(r.id) while a call inside it is still open")
      }
      openCalls[r.id] = nil
      stacks[key]?.removeLast()
      if stacks[key]?.isEmpty == true { stacks[key] = nil }
    case .error(let e):
      guard openCalls[e.id] != nil else {
        throw RecordFault("error for call \(e.id), which is not open")
      }
    case .loss(let l):
      if let parent = l.parent, parent > lastCallID {
        throw RecordFault("loss inside call \(parent), which has not started")
      }
    case .end: isEnded = true
    }
  }

  private mutating func checkCall(_ c: CallStart) throws(RecordFault) {
    guard c.id > lastCallID else {
      throw RecordFault("call id \(c.id) does not follow the previous call id \(lastCallID)")
    }
    if let parent = c.parent, parent >= c.id || parent == 0 {
      throw RecordFault("call \(c.id) names parent \(parent), which is not an earlier call")
    }
    guard sites.contains(c.site) else { throw RecordFault("call site \(c.site) is not defined") }
    guard threads.contains(c.thread) else {
      throw RecordFault("thread \(c.thread) is not defined")
    }
    guard c.task == 0 || tasks.contains(c.task) else {
      throw RecordFault("task \(c.task) is not defined")
    }
    guard c.flags.rawValue & ~CallForm.flagsMask == 0 else {
      throw RecordFault("unknown collect flags")
    }
    lastCallID = c.id
    let key = StackKey(thread: c.thread, task: c.task)
    openCalls[c.id] = key
    stacks[key, default: []].append(c.id)
  }
}
