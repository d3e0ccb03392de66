/// What a new stream needs to announce a call again that is still open: everything of its
/// `call` record but the arguments. Flat (no references), kept per stack like the ids.
@usableFromInline
struct OpenCallRecord: Sendable {
  var id: UInt64
  /// 0 for a root call.
  var parent: UInt64
  var site: UInt32
  var thread: UInt32
  var task: UInt64
  var flags: UInt8
  var hasTimestamp: Bool
  var timestamp: UInt64
}

/// The open calls' records of every stack, in step with the encoder's `OpenCallStacks`
/// (the current context's stack in `current`, the others in a dictionary).
@usableFromInline
struct OpenCallRecords: Sendable {
  var key = StackKey(thread: 0, task: 0)
  var current: [OpenCallRecord] = []
  var others: [StackKey: [OpenCallRecord]] = [:]

  mutating func switchTo(_ newKey: StackKey) {
    if newKey == key { return }
    if !current.isEmpty { others[key] = current }
    current = others.removeValue(forKey: newKey) ?? []
    key = newKey
  }

  /// Every open call, oldest first.
  var all: [OpenCallRecord] {
    (others.values.joined() + current).sorted { $0.id < $1.id }
  }
}

extension TraceEncoder {
  /// Whether the encoder keeps what it needs to announce the open calls again in a new
  /// stream (`openCalls`, `continueStream`). Off by default (files need not); it costs a
  /// little per call.
  public var keepsOpenCalls: Bool {
    get { tracking }
    set {
      tracking = newValue
      if !newValue { records = OpenCallRecords() }
    }
  }

  /// The calls open in the stream so far, oldest first, without their arguments (empty
  /// unless `keepsOpenCalls` was set before the first call).
  public var openCalls: [CallStart] {
    records.all.map { record in
      CallStart(
        id: record.id, parent: record.parent == 0 ? nil : record.parent, site: record.site,
        thread: record.thread, task: record.task, flags: CollectFlags(rawValue: record.flags),
        timestamp: record.hasTimestamp ? record.timestamp : nil, args: nil)
    }
  }

  /// Starts this stream (header and definitions written) where `other`, a stream that
  /// ended early (its viewer went away), stopped: announces `other`'s open calls (which it
  /// must have kept, `keepsOpenCalls`) again with their ids, sites, parents and start times
  /// but no arguments (the `args` flag cleared), so that their children, returns and errors
  /// that follow refer to calls this stream has. From then on a parent or a loss's call that
  /// this stream never had (one that ended before it started) is left out (a root call, an
  /// unplaced loss), and its error and return are not part of this stream (left out). Returns
  /// how many calls it could not announce.
  public mutating func continueStream(from other: TraceEncoder) -> Int {
    let openCalls = other.openCalls
    var announced: Set<UInt64> = []
    var failed = 0
    for var call in openCalls {
      if let parent = call.parent, !announced.contains(parent) { call.parent = nil }
      call.flags.remove(.args)
      call.args = nil
      do {
        try self.call(
          id: call.id, parent: call.parent, site: call.site, thread: call.thread,
          task: call.task, flags: call.flags, timestamp: call.timestamp, args: nil)
        announced.insert(call.id)
      } catch {
        failed += 1
      }
    }
    inheritedFloor = max(other.lastCallID, other.inheritedFloor, lastCallID)
    inherited = announced
    return failed
  }

  /// Starts this stream (header and definitions written) after calls `1...lastCallID`
  /// happened without it (a sink added while the program runs): a parent or a loss's call
  /// among them is left out (a root call, an unplaced loss), and their errors and returns
  /// are not part of this stream (left out, not refused).
  public mutating func startAfter(lastCallID: UInt64) {
    inheritedFloor = max(inheritedFloor, lastCallID)
  }

  /// True when `id` is a call this stream has announced (only calls before a
  /// `continueStream` can be missing).
  @inline(__always)
  func isKnownCall(_ id: UInt64) -> Bool {
    id > inheritedFloor || inherited.contains(id)
  }

  /// Notes a call just pushed on the current stack.
  @inline(__always)
  mutating func keepOpenCall(
    id: UInt64, parent: UInt64?, site: UInt32, flags: UInt8, timestamp: UInt64?
  ) {
    records.switchTo(stacks.key)
    records.current.append(
      OpenCallRecord(
        id: id, parent: parent ?? 0, site: site, thread: contextThread, task: contextTask,
        flags: flags, hasTimestamp: timestamp != nil, timestamp: timestamp ?? 0))
  }

  /// Notes the calls a plain run closed (`popped`) and opened (`pushed`, with their sites).
  mutating func keepPlainRun(
    popped: Int, pushed: UnsafeBufferPointer<UInt64>, sites: UnsafePointer<UInt32>,
    flagBits: UnsafePointer<UInt8>
  ) {
    records.switchTo(stacks.key)
    records.current.removeLast(min(popped, records.current.count))
    for (offset, id) in pushed.enumerated() {
      let parent = records.current.last?.id ?? 0
      records.current.append(
        OpenCallRecord(
          id: id, parent: parent, site: sites[offset], thread: contextThread, task: contextTask,
          flags: flagBits[offset], hasTimestamp: false, timestamp: 0))
    }
  }
}
