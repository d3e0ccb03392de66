import CFlowTraceRuntime
import Synchronization

/// One traced call open on a thread's stack.
struct Frame {
  var id: UInt64
  /// The last error a traced callee threw out (reported as `caught` if this call returns).
  var error: (any Error)?
}

/// The recorder state of one thread: its record buffer (producer side), its call stack, and
/// the collector's read position (consumer side, touched only under the collector's lock).
final class ThreadRecorder: @unchecked Sendable {
  /// Small id: 1 for the first thread seen, 2, …
  let index: UInt32
  let name: String

  // Producer side (owning thread only).
  var chunk: RecordChunk
  var records: UnsafeMutablePointer<RawRecord>
  var count = 0
  var nextSeq: UInt64 = 0
  var stack: UnsafeMutablePointer<Frame>
  var stackCapacity = 64
  var depth = 0
  /// Non-zero while the runtime formats a value: calls made meanwhile are not traced.
  var suppress = 0
  var dropped: UInt64 = 0
  var lastTaskKey = 0
  var lastTask: UInt64 = 0
  var filterCache: [UInt: Bool] = [:]
  var filterGeneration: UInt32 = 0
  /// The call that `entered()` will record (set by `_TraceCall.init`).
  var pendingSite: UInt64 = 0
  var pendingParent: UInt64 = 0
  var pendingFlags: UInt8 = 0

  /// Sealed chunks not yet read by the collector.
  let backlog = Atomic<Int>(0)
  let exited = Atomic<Bool>(false)

  // Consumer side (collector lock).
  var readChunk: RecordChunk
  var readIndex = 0
  var consumedSeq: UInt64 = 0
  var pendingArgs: [String] = []
  var task: UInt64 = 0
  var announced = false
  var open: [(id: UInt64, wire: UInt64)] = []
  var closed = ClosedCalls()

  init(index: UInt32, name: String) {
    self.index = index
    self.name = name
    let first = RecordChunk()
    chunk = first
    readChunk = first
    records = first.records
    stack = .allocate(capacity: stackCapacity)
  }

  /// The calling thread's recorder, created and registered on first use.
  @inline(__always)
  static var current: ThreadRecorder {
    if let raw = ft_get_thread_state() {
      return Unmanaged<ThreadRecorder>.fromOpaque(raw).takeUnretainedValue()
    }
    return Registry.shared.makeCurrent()
  }

  /// Appends a record; the collector sees it after the next `commit()`.
  @inline(__always)
  func append(_ record: RawRecord) {
    if count == RecordChunk.capacity { roll() }
    records[count] = record
    count &+= 1
  }

  /// Appends a record with a text in its slot.
  func append(_ record: RawRecord, text: String) {
    if count == RecordChunk.capacity { roll() }
    var record = record
    record.flags |= RecordFlags.hasText
    (chunk.texts + count).initialize(to: text)
    records[count] = record
    count &+= 1
  }

  /// Publishes every appended record.
  @inline(__always)
  func commit() {
    chunk.committed.store(count, ordering: .releasing)
  }

  /// Seals the full chunk and starts a new one.
  func roll() {
    let next = RecordChunk()
    let old = chunk
    old.next = next
    old.committed.store(count, ordering: .releasing)
    old.sealed.store(true, ordering: .releasing)
    backlog.add(1, ordering: .relaxed)
    chunk = next
    records = next.records
    count = 0
  }

  @inline(__always)
  func push(_ id: UInt64) {
    if depth == stackCapacity { growStack() }
    (stack + depth).initialize(to: Frame(id: id, error: nil))
    depth &+= 1
  }

  /// Pops the top frame if it is `id`'s (async calls are not on the stack when they end).
  @inline(__always)
  func pop(_ id: UInt64) -> Frame? {
    guard depth > 0, stack[depth &- 1].id == id else { return nil }
    depth &-= 1
    return (stack + depth).move()
  }

  func growStack() {
    let bigger = UnsafeMutablePointer<Frame>.allocate(capacity: stackCapacity * 2)
    bigger.moveInitialize(from: stack, count: depth)
    stack.deallocate()
    stack = bigger
    stackCapacity *= 2
  }
}

/// The last calls that ended on a thread, so late children (unstructured tasks) still find
/// their parent.
struct ClosedCalls {
  var ids = [UInt64](repeating: 0, count: 256)
  var wires = [UInt64](repeating: 0, count: 256)
  var next = 0

  mutating func add(_ id: UInt64, wire: UInt64) {
    ids[next] = id
    wires[next] = wire
    next = (next + 1) & 255
  }

  func find(_ id: UInt64) -> UInt64? {
    for index in 0..<256 where ids[index] == id { return wires[index] }
    return nil
  }
}
