import FlowTraceWire

/// Pass 1 of the streaming diff (`StreamingDiff`): one binary trace read through the decoder
/// without building a call tree. For every call it keeps, in the order calls started within
/// their thread and task (a *space*), the alignment key (function and argument bytes, what
/// `DiffSide.key` compares), a hash of its whole subtree (function, arguments, flags, result,
/// errors, children; not timestamps nor ids) and the size of its subtree. A subtree that a
/// diff could not treat as a plain nested block (children in another thread or task, a call
/// never returned) gets hash 0, which never matches; a call whose own children cannot be
/// enumerated from the sizes is `mixed`.
struct TraceDigest: TraceVisitor {
  struct SpaceKey: Hashable {
    var thread: UInt32
    var task: UInt64
  }

  struct Frame {
    var id: UInt64
    var ordinal: Int
    var hash: UInt64
    var poisoned = false
    /// Started with a parent in another space (not nested in this space's calls).
    var detached = false
  }

  /// One call: its alignment key, its subtree's hash (0: never matches) and size.
  struct Node {
    var key: UInt64
    var hash: UInt64 = 0
    var size: UInt32 = 1
  }

  /// The calls of one thread and task, in the order they started.
  struct Space {
    var key: SpaceKey
    var nodes = DigestBuffer<Node>()
    /// Calls whose children cannot be read off the sizes.
    var mixed: Set<Int> = []
    var stack = DigestBuffer<Frame>()
  }

  /// Every space; the current one's arrays are moved out into the fields below while it is
  /// current (`park` puts them back).
  var spaces: [Space] = []
  var spaceIndex: [SpaceKey: Int] = [:]
  private var current = -1
  private var currentKey = SpaceKey(thread: 0, task: 0)
  private var nodes = DigestBuffer<Node>()
  private var reserved = 0
  /// The chunk being read (see `TraceDigest+Chunks.swift`).
  var chunk = ChunkTracker()
  var checkpoints: [Checkpoint] = []
  private var mixed: Set<Int> = []
  private var stack = DigestBuffer<Frame>()
  /// Thread ids in the order the call tree makes their nodes, with their names.
  var threads: [UInt32] = []
  var threadNames: [UInt32: String] = [:]
  /// Threads whose top-level calls cannot be read off the sizes.
  var complexThreads: Set<UInt32> = []
  /// Hashes of the sites' qualified names, by id.
  var sites = SiteHashes()
  var calls = 0
  var hasHeader = false
  var ended = false
  /// Why this trace must take the reference path (a loss record, an unknown call…).
  var unsupported: String?

  // MARK: Visitor

  mutating func visitHeader(_ header: TraceHeader) {
    hasHeader = true
    chunk.plain = false
  }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    chunk.plain = false
    let hash = Self.mix(0x5173, name.buffer)
    sites.define(id, hash)
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) {
    chunk.plain = false
    if threadNames[id] == nil { threads.append(id) }
    threadNames[id] = name.string
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    calls += 1
    guard let name = sites[site] else {
      return unsupport("a call of an undefined site")
    }
    var key = name
    if let args {
      key = Self.mix(key ^ UInt64(args.count), args.encoded)
    } else {
      key = (key &+ 1) &* 0xFF51_AFD7_ED55_8CCD
    }
    if current < 0 || currentKey.thread != thread || currentKey.task != task {
      select(SpaceKey(thread: thread, task: task))
    }
    let ordinal = nodes.count
    nodes.append(Node(key: key))
    var frame = Frame(
      id: id, ordinal: ordinal, hash: Self.finish(key ^ UInt64(flags.rawValue) << 56))
    if let parent {
      if stack.last?.id != parent {
        let s = current
        park()
        guard let (ps, k) = find(parent) else {
          unpark(s)
          return unsupport("a call whose parent is not open")
        }
        // Nested elsewhere: neither side of the link is a plain block.
        for j in 0...k {
          spaces[ps].stack[j].poisoned = true
          spaces[ps].mixed.insert(spaces[ps].stack[j].ordinal)
        }
        unpark(s)
        tangle(thread)
        frame.detached = true
        frame.poisoned = true
      }
    } else {
      if threadNames[thread] == nil {
        threads.append(thread)
        threadNames[thread] = ""
      }
      if !stack.isEmpty || task != 0 { tangle(thread) }
    }
    noteChunk()
    stack.append(frame)
    chunk.minDepth = min(chunk.minDepth, stack.count)
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if current < 0 || stack.last?.id != id {
      park()
      guard let found = spaces.indices.first(where: { spaces[$0].stack.last?.id == id }) else {
        return unsupport("a return of a call not open")
      }
      unpark(found)
    }
    noteChunk()
    let frame = stack.removeLast()
    chunk.minDepth = min(chunk.minDepth, stack.count)
    var hash = frame.hash
    if let result { hash = Self.mix(hash ^ 2, result.buffer) } else { hash = Self.step(hash, 3) }
    close(frame, hash: hash)
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    chunk.plain = false
    park()
    guard let (s, k) = find(id) else { return unsupport("an error of a call not open") }
    var hash = spaces[s].stack[k].hash ^ (disposition == .caught ? 5 : 7)
    hash = Self.mix(Self.mix(hash, type.buffer), description.buffer)
    spaces[s].stack[k].hash = hash
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    chunk.plain = false
    unsupport("a loss record")
  }

  mutating func visitEnd() {
    chunk.plain = false
    ended = true
    park()
    for s in spaces.indices {
      unpark(s)
      while var frame = stack.popLast() {
        frame.poisoned = true
        close(frame, hash: 0)
      }
      park()
    }
  }

  /// The current space (-1: none) and its open calls' ordinals and ids, innermost last.
  var currentSpace: Int { current }
  var openOrdinals: [Int] { stack.map(\.ordinal) }
  var openIDs: [UInt64] { stack.map(\.id) }
  var currentCount: Int { nodes.count }
  var currentDepth: Int { stack.count }

  /// Room for `calls` calls in the first space (most traces have one thread and task).
  mutating func reserve(calls: Int) { reserved = calls }

  // MARK: Helpers

  /// Ends a call of the current space: stores its subtree's hash and size and folds them
  /// into its parent.
  @inline(__always)
  private mutating func close(_ frame: Frame, hash: UInt64) {
    let size = nodes.count - frame.ordinal
    let final = frame.poisoned ? 0 : Self.finish(hash) | 1
    // One write per array (each write checks the buffer is not shared).
    nodes[frame.ordinal] = Node(
      key: nodes[frame.ordinal].key, hash: final, size: UInt32(truncatingIfNeeded: size))
    guard !frame.detached, !stack.isEmpty else { return }
    let top = stack.count - 1
    var parent = stack[top]
    parent.hash = Self.step(parent.hash, final)
    parent.poisoned = parent.poisoned || frame.poisoned
    stack[top] = parent
  }

  /// The current space's thread holds calls that are not plain nested blocks.
  private mutating func tangle(_ thread: UInt32) {
    complexThreads.insert(thread)
    for j in stack.indices {
      stack[j].poisoned = true
      mixed.insert(stack[j].ordinal)
    }
  }

  /// Makes `key`'s space current (a new one if none).
  private mutating func select(_ key: SpaceKey) {
    park()
    if let known = spaceIndex[key] { return unpark(known) }
    var space = Space(key: key)
    if spaces.isEmpty { space.nodes.reserve(reserved) }
    spaces.append(space)
    spaceIndex[key] = spaces.count - 1
    unpark(spaces.count - 1)
  }

  /// Puts the current space's arrays back into `spaces`.
  private mutating func park() {
    guard current >= 0 else { return }
    swap(&nodes, &spaces[current].nodes)
    swap(&mixed, &spaces[current].mixed)
    swap(&stack, &spaces[current].stack)
    current = -1
  }

  /// Moves space `s`'s arrays into the fields (after `park`).
  private mutating func unpark(_ s: Int) {
    swap(&nodes, &spaces[s].nodes)
    swap(&mixed, &spaces[s].mixed)
    swap(&stack, &spaces[s].stack)
    current = s
    currentKey = spaces[s].key
  }

  /// The open call `id` (spaces parked): its space and place in that space's stack.
  private func find(_ id: UInt64) -> (Int, Int)? {
    for s in spaces.indices {
      if let k = spaces[s].stack.lastIndex(where: { $0.id == id }) { return (s, k) }
    }
    return nil
  }

  private mutating func unsupport(_ reason: String) {
    if unsupported == nil { unsupported = reason }
  }
}
