import CFlowTraceRuntime
import FlowTraceWire
import Synchronization

/// One traced call open on a thread's stack.
struct Frame {
  var id: UInt64
  /// The last error a traced callee threw out (reported as `caught` if this call returns).
  var error: (any Error)?
}

/// The producer side of a thread's recorder, reached through the C thread-local: plain memory,
/// so the hot path pays neither reference counting nor exclusivity checks.
struct HotState {
  var records: UnsafeMutablePointer<RawRecord>
  var texts: UnsafeMutablePointer<String>
  /// The current chunk's published count (atomic through the C helpers).
  var committed: UnsafeMutablePointer<Int>
  var count = 0
  /// A text slot of the current chunk is in use.
  var textsUsed = false
  var nextSeq: UInt64 = 0
  var stack: UnsafeMutablePointer<Frame>
  var stackCapacity = 64
  var depth = 0
  /// Non-zero while the runtime formats a value: calls made meanwhile are not traced.
  var suppress = 0
  /// Calls dropped so far, ever increasing (written by the thread, read by the collector).
  let dropped: UnsafeMutablePointer<Int>
  var lastTask: UInt64 = 0
  /// The call that `entered()` will record (set by `_TraceCall.init`).
  var pendingSite: UInt64 = 0
  var pendingParent: UInt64 = 0
  var pendingFlags: UInt8 = 0
  let index: UInt32
  /// Sealed chunks not yet read by the collector (atomic through the C helpers).
  let backlog: UnsafeMutablePointer<Int>
  let owner: Unmanaged<ThreadRecorder>
  /// The current chunk's value bytes and how many are used (last: only value records use
  /// them, and the fields every call touches stay together before them).
  var values: UnsafeMutableRawPointer?
  var valuesUsed = 0
  /// Where the thread renders a value when the writer is behind (`ValueArena.swift`).
  var renderStore: ByteStore?
  /// The texts of collections this thread rendered last (`TextMemo`).
  var memos: MemoTable?
  /// The texts of values this thread rendered lately, by their contents (`ValueTexts`):
  /// retained, released with the state (reached without a reference count per value).
  var valueTexts: Unmanaged<ValueTexts>?
}

/// The recorder of one thread: its record buffer and call stack (producer side, in `hot`),
/// and the collector's read position (consumer side, touched only under the collector lock).
final class ThreadRecorder: @unchecked Sendable {
  /// Small id: 1 for the first thread seen, 2, …
  let index: UInt32
  /// The name read when the recorder was made; the collector reads it again (`Registry`)
  /// when it first announces the thread, as threads are often named after they start.
  @exclusivity(unchecked) var name: String
  /// The kernel's id of the thread.
  let tid: Int32
  /// The thread's name as it ended (written by the thread before `exited`).
  var exitName: String?
  let hot: UnsafeMutablePointer<HotState>
  /// The chunk the thread writes (producer side).
  var chunk: RecordChunk
  var filterCache: [UInt: Bool] = [:]
  var filterGeneration: UInt32 = 0
  let backlog: UnsafeMutablePointer<Int>
  let dropped: UnsafeMutablePointer<Int>
  let exited = Atomic<Bool>(false)

  // Consumer side (collector lock, which also makes the exclusivity checks redundant).
  @exclusivity(unchecked) var readChunk: RecordChunk
  @exclusivity(unchecked) var readIndex = 0
  @exclusivity(unchecked) var consumedSeq: UInt64 = 0
  @exclusivity(unchecked) var pendingArgs = TextList()
  @exclusivity(unchecked) var task: UInt64 = 0
  @exclusivity(unchecked) var announced = false
  @exclusivity(unchecked) var open = CollectorStack()
  /// An async exit was met: it goes on once the other threads are read up to now.
  @exclusivity(unchecked) var exitArmed = false
  @exclusivity(unchecked) var progressedLastRound = false
  /// Of `dropped`, how many the collector has reported in loss events.
  @exclusivity(unchecked) var reportedDrops = 0
  @exclusivity(unchecked) var lastSite: (address: UInt64, id: UInt32) = (0, 0)

  /// True while published records wait to be read (in the read chunk or a sealed one after).
  var hasUnread: Bool {
    readIndex < ft_load_acquire(readChunk.committed)
      || (readChunk.sealed.load(ordering: .acquiring) && readChunk.next != nil)
  }

  init(index: UInt32, name: String) {
    self.index = index
    self.name = name
    tid = ft_gettid()
    let first = RecordChunk()
    chunk = first
    readChunk = first
    backlog = .allocate(capacity: 1)
    backlog.initialize(to: 0)
    dropped = .allocate(capacity: 1)
    dropped.initialize(to: 0)
    hot = .allocate(capacity: 1)
    hot.initialize(
      to: HotState(
        records: first.records, texts: first.texts, committed: first.committed,
        stack: .allocate(capacity: 64), dropped: dropped, index: index, backlog: backlog,
        owner: Unmanaged.passUnretained(self), values: first.values))
  }

  /// The calling thread's recorder state, created and registered on first use.
  @inline(__always)
  static var current: UnsafeMutablePointer<HotState> {
    if let raw = ft_get_thread_state() {
      return raw.assumingMemoryBound(to: HotState.self)
    }
    return Registry.shared.makeCurrent().hot
  }

  /// Runs once the collector retired the recorder (its thread ended and every record was
  /// read) and the last drain's snapshot let it go: nothing can reach `hot` any more.
  deinit {
    open.deallocate()
    let state = hot.pointee
    state.stack.deinitialize(count: state.depth)
    state.stack.deallocate()
    state.valueTexts?.release()
    hot.deinitialize(count: 1)
    hot.deallocate()
    backlog.deallocate()
    dropped.deallocate()
  }

  /// Frees the record buffer of a thread that ended once the collector has read all of it
  /// (the thread state is gone, so nothing writes here again).
  func releaseBuffers() {
    guard chunk !== RecordChunk.finished, exited.load(ordering: .acquiring) else { return }
    chunk = RecordChunk.finished
    readChunk = RecordChunk.finished
    readIndex = 0
  }

  /// Seals the full chunk and starts a new one.
  func roll() {
    let next = RecordChunk.make()
    let old = chunk
    old.next = next
    old.hasTexts = hot.pointee.textsUsed
    hot.pointee.textsUsed = false
    ft_store_release(old.committed, hot.pointee.count)
    old.sealed.store(true, ordering: .releasing)
    ft_add_relaxed(backlog, 1)
    if ft_load_relaxed(backlog) >= SinkWriter.wakeBacklog {
      let mode = ft_mode_load()
      if mode & ModeBits.sink != 0 {
        SinkWriter.wake()
      } else if mode & ModeBits.autoPrint != 0 {
        // A long outermost call printing its tree when it ends: its records are read in the
        // background meanwhile, so that a viewer attaching later does not wait for them all.
        SinkWriter.start()
        SinkWriter.wake()
      }
    }
    chunk = next
    hot.pointee.records = next.records
    hot.pointee.texts = next.texts
    hot.pointee.values = next.values
    hot.pointee.valuesUsed = 0
    hot.pointee.committed = next.committed
    hot.pointee.count = 0
  }
}

extension UnsafeMutablePointer where Pointee == HotState {
  /// Appends a record; the collector sees it after the next `commit()`.
  @inline(__always)
  func append(_ record: RawRecord) {
    if pointee.count == RecordChunk.capacity { pointee.owner.takeUnretainedValue().roll() }
    pointee.records[pointee.count] = record
    pointee.count &+= 1
  }

  /// Appends a record with a text in its slot.
  func append(_ record: RawRecord, text: String) {
    if pointee.count == RecordChunk.capacity { pointee.owner.takeUnretainedValue().roll() }
    var record = record
    record.flags |= RecordFlags.hasText
    pointee.textsUsed = true
    (pointee.texts + pointee.count).initialize(to: text)
    pointee.records[pointee.count] = record
    pointee.count &+= 1
  }

  /// Publishes every appended record.
  @inline(__always)
  func commit() {
    ft_store_release(pointee.committed, pointee.count)
  }

  @inline(__always)
  func push(_ id: UInt64) {
    if pointee.depth == pointee.stackCapacity { growStack() }
    (pointee.stack + pointee.depth).initialize(to: Frame(id: id, error: nil))
    pointee.depth &+= 1
  }

  /// Pops the top frame if it is `id`'s (async calls are not on the stack when they end).
  @inline(__always)
  func pop(_ id: UInt64) -> Frame? {
    let depth = pointee.depth
    guard depth > 0, pointee.stack[depth &- 1].id == id else { return nil }
    pointee.depth = depth &- 1
    return (pointee.stack + (depth &- 1)).move()
  }

  /// The id of the innermost open call on this thread, or 0.
  @inline(__always)
  var top: UInt64 {
    pointee.depth > 0 ? pointee.stack[pointee.depth &- 1].id : 0
  }

  func growStack() {
    let capacity = pointee.stackCapacity
    let bigger = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: pointee.stack, count: pointee.depth)
    pointee.stack.deallocate()
    pointee.stack = bigger
    pointee.stackCapacity = capacity * 2
  }

  var recorder: ThreadRecorder { pointee.owner.takeUnretainedValue() }
}
