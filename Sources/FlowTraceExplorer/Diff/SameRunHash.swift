import FlowTraceWire

/// One side of `SameRunCheck`: the records of a one-thread trace folded into one running
/// hash. A call adds its function's qualified name (not the site id), flags and argument
/// bytes, a return its result bytes, an error its depth below the innermost open call, its
/// disposition, type and description; timestamps, ids and pids are left out. Calls must nest
/// (each call's parent the innermost open one, each return the innermost), which makes the
/// sequence of calls and returns the shape of the tree.
struct SameRunHash: TraceVisitor {
  let board: SameRunCheck.SyncBoard
  let side: Int
  var hash: UInt64 = 0x5A3E
  var events = 0
  var calls = 0
  /// The thread with calls.
  private var thread: UInt32?
  private var threadNames: [UInt32: UInt64] = [:]
  private var sites = SiteHashes()
  /// The open calls' ids, innermost last.
  private let stack = DigestBuffer<UInt64>(capacity: 1024)
  private var hasHeader = false
  private var ended = false
  private var gaveUp = false
  /// Stopped reading: this side gave up or the board says the traces differ.
  private var stopped = false

  init(board: SameRunCheck.SyncBoard, side: Int) {
    self.board = board
    self.side = side
  }

  /// Read to the end, every call returned, nothing unsupported, no thread named but the one
  /// with calls (a thread without calls is a thread of the tree too).
  var isComplete: Bool {
    hasHeader && ended && !gaveUp && !stopped && stack.isEmpty && threadNames.count <= 1
      && (thread == nil || threadNames.isEmpty || threadNames[thread!] != nil)
  }

  /// The name hash of the trace's one thread (0: not named).
  var threadName: UInt64 { threadNames.values.first ?? 0 }

  mutating func visitHeader(_ header: TraceHeader) { hasHeader = true }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    let named = TraceDigest.mix(0x5173, name.buffer) | 1
    sites.define(id, named)
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) {
    threadNames[id] = TraceDigest.mix(0x7E, name.buffer)
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    if stopped { return }
    if self.thread != thread {
      guard self.thread == nil else { return giveUp() }
      self.thread = thread
    }
    guard task == 0, parent == stack.last else { return giveUp() }
    guard let name = sites[site] else { return giveUp() }
    var h = TraceDigest.step(hash, name ^ UInt64(flags.rawValue) << 56)
    if let args {
      h = TraceDigest.mix(h ^ UInt64(args.count), args.encoded)
    } else {
      h = TraceDigest.step(h, 1)
    }
    hash = h
    calls += 1
    stack.append(id)
    counted()
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if stopped { return }
    guard stack.last == id else { return giveUp() }
    stack.removeLast()
    if let result {
      hash = TraceDigest.mix(hash ^ 2, result.buffer)
    } else {
      hash = TraceDigest.step(hash, 3)
    }
    counted()
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    if stopped { return }
    guard let k = stack.lastIndex(where: { $0 == id }) else { return giveUp() }
    let below = UInt64(stack.count - k)
    hash = TraceDigest.step(hash, below << 8 | (disposition == .caught ? 5 : 7))
    hash = TraceDigest.mix(TraceDigest.mix(hash, type.buffer), description.buffer)
    counted()
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) { giveUp() }

  mutating func visitEnd() { ended = true }

  /// One more record; every `syncEvents` the hash goes to the board.
  @inline(__always)
  private mutating func counted() {
    events += 1
    if events & (SameRunCheck.syncEvents - 1) == 0 && !board.post(side, hash) {
      stopped = true
    }
  }

  private mutating func giveUp() {
    gaveUp = true
    stopped = true
    board.stop()
  }
}
