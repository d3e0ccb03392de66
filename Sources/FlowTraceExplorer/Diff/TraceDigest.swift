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

  /// The calls of one thread and task, in the order they started.
  struct Space {
    var key: SpaceKey
    var keys: [UInt64] = []
    var hashes: [UInt64] = []
    var sizes: [UInt32] = []
    /// Calls whose children cannot be read off the sizes.
    var mixed: Set<Int> = []
    var stack: [Frame] = []
  }

  var spaces: [Space] = []
  var spaceIndex: [SpaceKey: Int] = [:]
  private var last = -1
  /// Thread ids in the order the call tree makes their nodes, with their names.
  var threads: [UInt32] = []
  var threadNames: [UInt32: String] = [:]
  /// Threads whose top-level calls cannot be read off the sizes.
  var complexThreads: Set<UInt32> = []
  /// Hashes of the sites' qualified names: by id (0: none), large ids in the dictionary.
  var siteList: [UInt64] = []
  var siteNames: [UInt32: UInt64] = [:]
  var calls = 0
  var hasHeader = false
  var ended = false
  /// Why this trace must take the reference path (a loss record, an unknown call…).
  var unsupported: String?

  // MARK: Visitor

  mutating func visitHeader(_ header: TraceHeader) { hasHeader = true }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    let hash = Self.mix(0x5173, name.buffer)
    if id < 1 << 16 {
      if siteList.count <= Int(id) {
        siteList.append(contentsOf: repeatElement(0, count: Int(id) + 1 - siteList.count))
      }
      siteList[Int(id)] = hash
    } else {
      siteNames[id] = hash
    }
  }

  mutating func visitThread(id: UInt32, name: TraceBytes) {
    if threadNames[id] == nil { threads.append(id) }
    threadNames[id] = name.string
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    calls += 1
    let listed = Int(site) < siteList.count ? siteList[Int(site)] : 0
    guard let name = listed != 0 ? listed : siteNames[site] else {
      return unsupport("a call of an undefined site")
    }
    var key = name
    if let args {
      key ^= UInt64(args.count)
      for arg in args { key = Self.mix(key, arg.buffer) }
    } else {
      key = Self.finish(key &+ 1)
    }
    let s = space(thread, task)
    let ordinal = spaces[s].keys.count
    spaces[s].keys.append(key)
    spaces[s].hashes.append(0)
    spaces[s].sizes.append(1)
    var frame = Frame(
      id: id, ordinal: ordinal, hash: Self.finish(key ^ UInt64(flags.rawValue) << 56))
    if let parent {
      if spaces[s].stack.last?.id != parent {
        guard let (ps, k) = find(parent) else {
          return unsupport("a call whose parent is not open")
        }
        // Nested elsewhere: neither side of the link is a plain block.
        for j in 0...k {
          spaces[ps].stack[j].poisoned = true
          spaces[ps].mixed.insert(spaces[ps].stack[j].ordinal)
        }
        tangle(s, thread)
        frame.detached = true
        frame.poisoned = true
      }
    } else {
      if threadNames[thread] == nil {
        threads.append(thread)
        threadNames[thread] = ""
      }
      if !spaces[s].stack.isEmpty || task != 0 { tangle(s, thread) }
    }
    spaces[s].stack.append(frame)
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    var s = last
    if s < 0 || spaces[s].stack.last?.id != id {
      guard let found = spaces.indices.first(where: { spaces[$0].stack.last?.id == id }) else {
        return unsupport("a return of a call not open")
      }
      s = found
    }
    last = s
    let frame = spaces[s].stack.removeLast()
    var hash = frame.hash
    if let result { hash = Self.mix(hash ^ 2, result.buffer) } else { hash = Self.finish(hash ^ 3) }
    close(s, frame, hash: hash)
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard let (s, k) = find(id) else { return unsupport("an error of a call not open") }
    var hash = spaces[s].stack[k].hash ^ (disposition == .caught ? 5 : 7)
    hash = Self.mix(Self.mix(hash, type.buffer), description.buffer)
    spaces[s].stack[k].hash = hash
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    unsupport("a loss record")
  }

  mutating func visitEnd() {
    ended = true
    for s in spaces.indices {
      while var frame = spaces[s].stack.popLast() {
        frame.poisoned = true
        close(s, frame, hash: 0)
      }
    }
  }

  // MARK: Helpers

  /// Ends a call: stores its subtree's hash and size and folds them into its parent.
  private mutating func close(_ s: Int, _ frame: Frame, hash: UInt64) {
    let size = spaces[s].keys.count - frame.ordinal
    let final = frame.poisoned ? 0 : Self.finish(hash) | 1
    spaces[s].hashes[frame.ordinal] = final
    spaces[s].sizes[frame.ordinal] = UInt32(truncatingIfNeeded: size)
    guard !frame.detached, let top = spaces[s].stack.indices.last else { return }
    spaces[s].stack[top].hash = Self.finish(spaces[s].stack[top].hash &* 31 &+ final)
    if frame.poisoned { spaces[s].stack[top].poisoned = true }
  }

  /// A thread whose space holds calls that are not plain nested blocks.
  private mutating func tangle(_ s: Int, _ thread: UInt32) {
    complexThreads.insert(thread)
    for j in spaces[s].stack.indices {
      spaces[s].stack[j].poisoned = true
      spaces[s].mixed.insert(spaces[s].stack[j].ordinal)
    }
  }

  private mutating func space(_ thread: UInt32, _ task: UInt64) -> Int {
    if last >= 0 && spaces[last].key.thread == thread && spaces[last].key.task == task {
      return last
    }
    let key = SpaceKey(thread: thread, task: task)
    if let known = spaceIndex[key] {
      last = known
      return known
    }
    spaces.append(Space(key: key))
    spaceIndex[key] = spaces.count - 1
    last = spaces.count - 1
    return last
  }

  /// The open call `id`: its space and place in that space's stack.
  private func find(_ id: UInt64) -> (Int, Int)? {
    for s in spaces.indices {
      if let k = spaces[s].stack.lastIndex(where: { $0.id == id }) { return (s, k) }
    }
    return nil
  }

  private mutating func unsupport(_ reason: String) {
    if unsupported == nil { unsupported = reason }
  }

  static func mix(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h = seed ^ 0xCBF2_9CE4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return Self.finish((h ^ UInt64(bytes.count)) &* 0x100_0000_01B3)
  }

  static func finish(_ h: UInt64) -> UInt64 { DiffSide.finish(h) }
}
