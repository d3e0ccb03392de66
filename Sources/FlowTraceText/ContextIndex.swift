import FlowTraceWire

/// Numbers the contexts of a trace's calls densely from 0: a thread, or an async task on
/// whatever thread it runs (as the decoder keeps its open calls); it remembers the last one
/// asked for (a trace switches context far less often than it calls).
struct ContextIndex {
  private struct Key: Hashable {
    var thread: UInt32
    var task: UInt64
  }

  private var numbers: [Key: Int] = [:]
  private var last = Key(thread: 0, task: 0)
  private var lastNumber = -1
  /// How many contexts have been numbered.
  private(set) var count = 0

  /// The number of context (`thread`, `task`), and whether it is new.
  @inline(__always)
  mutating func number(thread: UInt32, task: UInt64) -> (number: Int, isNew: Bool) {
    let thread = task == 0 ? thread : 0
    if lastNumber >= 0, last.thread == thread, last.task == task { return (lastNumber, false) }
    return lookUp(Key(thread: thread, task: task))
  }

  @inline(never)
  private mutating func lookUp(_ key: Key) -> (number: Int, isNew: Bool) {
    last = key
    if let known = numbers[key] {
      lastNumber = known
      return (known, false)
    }
    lastNumber = count
    numbers[key] = count
    count += 1
    return (lastNumber, true)
  }
}
