import FlowTraceWire

/// The first pass of the fast tree printer: decides whether a trace nests per context (each
/// call inside the innermost open call of its own thread and task, or a root when none is
/// open there; each error of such an innermost call), what `ContextTreePrinter` prints, and
/// whether it even nests as one sequence (also across contexts, no losses), what
/// `SequenceTreePrinter` prints; for `--errors`, it collects the ids of calls with an error in
/// their subtree.
struct NestCheck: TraceVisitor {
  struct Context: BitwiseCopyable {
    var ids = RawStack<UInt64>(capacity: 64)
    /// Per open call: already known to have an error in its subtree.
    var marked = RawStack<Bool>(capacity: 64)
  }

  private var index = ContextIndex()
  private var contexts = RawStack<Context>(capacity: 8)
  /// The context of the last call or return.
  private var last = 0
  /// Open calls in all contexts.
  private var openCount = 0
  private(set) var nestsPerContext = true
  private(set) var isSequence = true
  let collectErrors: Bool
  /// The ids of calls with an error in their own record or subtree, in no order.
  private(set) var errorPath: [UInt64] = []

  init(collectErrors: Bool) {
    self.collectErrors = collectErrors
  }

  func deallocate() {
    for number in 0..<contexts.count {
      contexts.base[number].ids.deallocate()
      contexts.base[number].marked.deallocate()
    }
    contexts.deallocate()
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    guard nestsPerContext else { return }
    let (number, isNew) = index.number(thread: thread, task: task)
    if isNew { contexts.push(Context()) }
    let context = contexts.base + number
    let depth = context.pointee.ids.count
    let top = depth > 0 ? context.pointee.ids.base[depth - 1] : nil
    if parent != top { nestsPerContext = false }
    if openCount != depth { isSequence = false }
    context.pointee.ids.push(id)
    if collectErrors { context.pointee.marked.push(false) }
    openCount += 1
    last = number
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    guard nestsPerContext else { return }
    guard let number = owner(of: id) else {
      nestsPerContext = false
      return
    }
    _ = contexts.base[number].ids.pop()
    if collectErrors { _ = contexts.base[number].marked.pop() }
    openCount -= 1
    last = number
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard nestsPerContext else { return }
    guard let number = owner(of: id) else {
      nestsPerContext = false
      isSequence = false
      return
    }
    guard collectErrors else { return }
    let context = contexts.base[number]
    var position = context.ids.count - 1
    while position >= 0, !context.marked.base[position] {
      context.marked.base[position] = true
      errorPath.append(context.ids.base[position])
      position -= 1
    }
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) { isSequence = false }

  /// The context whose innermost open call is `id` (the last one used first).
  @inline(__always)
  private func owner(of id: UInt64) -> Int? {
    if last < contexts.count, contexts.base[last].ids.top == id { return last }
    for number in 0..<contexts.count where contexts.base[number].ids.top == id { return number }
    return nil
  }
}

extension RawStack {
  /// The top element, if any.
  @inline(__always)
  var top: Element? { count > 0 ? base[count - 1] : nil }
}
