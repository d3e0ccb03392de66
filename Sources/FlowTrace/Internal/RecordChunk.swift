import CFlowTraceRuntime
import Synchronization

/// A fixed block of records written by one thread and read by the collector.
///
/// The owning thread appends and publishes with a release store of `committed`; a reader
/// acquires `committed`, reads that many records, and follows `next` once `sealed`.
final class RecordChunk: @unchecked Sendable {
  static let capacity = 2048
  /// Bytes for the copies of values kept for later (`ValueArena.swift`), and their alignment.
  static let valueCapacity = 32 * 1024
  static let valueAlignment = 16

  let records: UnsafeMutablePointer<RawRecord>
  let texts: UnsafeMutablePointer<String>
  /// Made on first use (`valueBytes()`): a chunk of a thread that keeps no values has none.
  /// Written by the recording thread before the record that uses it is committed.
  private(set) var values: UnsafeMutableRawPointer?
  /// Published record count (atomic through the C helpers).
  let committed: UnsafeMutablePointer<Int>
  let sealed = Atomic<Bool>(false)
  /// Set by the writer before `sealed`; read only after `sealed` is seen.
  var next: RecordChunk?
  /// True once a text slot was used (set by the writer before `sealed`; a chunk without
  /// texts needs no scan when it goes away).
  var hasTexts = false

  init() {
    records = .allocate(capacity: RecordChunk.capacity)
    texts = .allocate(capacity: RecordChunk.capacity)
    committed = .allocate(capacity: 1)
    committed.initialize(to: 0)
  }

  /// The chunk's value bytes, made now if it has none yet (recording thread only).
  func valueBytes() -> UnsafeMutableRawPointer {
    if let values { return values }
    let made = UnsafeMutableRawPointer.allocate(
      byteCount: RecordChunk.valueCapacity, alignment: RecordChunk.valueAlignment)
    values = made
    return made
  }

  /// Moves the text of record `index` out (each text is taken exactly once).
  func takeText(_ index: Int) -> String {
    (texts + index).move()
  }

  deinit {
    // Texts not taken by a reader (a chunk dropped unread) are released here. A chunk still
    // being written (never sealed) is scanned too: its writer did not say yet.
    if hasTexts || !sealed.load(ordering: .acquiring) {
      let count = ft_load_acquire(committed)
      for index in 0..<count {
        let record = records[index]
        if record.flags & RecordFlags.hasText != 0 { (texts + index).deinitialize(count: 1) }
        if record.kind == .argValue || record.kind == .returnValue {
          record.discardKeptValue(in: self)
        }
      }
    }
    records.deallocate()
    texts.deallocate()
    values?.deallocate()
    committed.deallocate()
  }
}

extension RecordChunk {
  /// Chunks read to the end, kept for reuse: a recording thread then writes into memory
  /// that is mapped and cached instead of a fresh 96 KB allocation per 2,048 records.
  private static let pool = Locked<[RecordChunk]>([])
  static let poolLimit = 48

  /// The chunk of a thread that ended and was read to the end: empty, never written.
  static let finished = RecordChunk()

  /// A fresh or recycled empty chunk: the one recycled longest ago, whose lines have left the
  /// writer's cache (the one it just read would be taken back from the writer's core line by
  /// line as the recording thread writes it: 6–12 % of the values workload's CPU).
  static func make() -> RecordChunk {
    pool.withLock { $0.isEmpty ? nil : $0.removeFirst() } ?? RecordChunk()
  }

  /// Takes back a sealed chunk whose every record was read (every text taken).
  static func recycle(_ chunk: RecordChunk) {
    chunk.next = nil
    chunk.hasTexts = false
    ft_store_release(chunk.committed, 0)
    chunk.sealed.store(false, ordering: .releasing)
    pool.withLock { chunks in
      if chunks.count < poolLimit { chunks.append(chunk) }
    }
  }
}
