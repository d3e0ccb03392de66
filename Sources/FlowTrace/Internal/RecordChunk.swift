import CFlowTraceRuntime
import Synchronization

/// A fixed block of records written by one thread and read by the collector.
///
/// The owning thread appends and publishes with a release store of `committed`; a reader
/// acquires `committed`, reads that many records, and follows `next` once `sealed`.
final class RecordChunk: @unchecked Sendable {
  static let capacity = 2048

  let records: UnsafeMutablePointer<RawRecord>
  let texts: UnsafeMutablePointer<String>
  /// Published record count (atomic through the C helpers).
  let committed: UnsafeMutablePointer<Int>
  let sealed = Atomic<Bool>(false)
  /// Set by the writer before `sealed`; read only after `sealed` is seen.
  var next: RecordChunk?
  /// Text slots initialised and not yet moved out by a reader.
  var textCount = 0

  init() {
    records = .allocate(capacity: RecordChunk.capacity)
    texts = .allocate(capacity: RecordChunk.capacity)
    committed = .allocate(capacity: 1)
    committed.initialize(to: 0)
  }

  /// Moves the text of record `index` out (each text is taken exactly once).
  func takeText(_ index: Int) -> String {
    (texts + index).move()
  }

  deinit {
    // Texts not taken by a reader (a chunk dropped unread) are released here.
    let count = ft_load_acquire(committed)
    for index in 0..<count where records[index].flags & RecordFlags.hasText != 0 {
      (texts + index).deinitialize(count: 1)
    }
    records.deallocate()
    texts.deallocate()
    committed.deallocate()
  }
}
