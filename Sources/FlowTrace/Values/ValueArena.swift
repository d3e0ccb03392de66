import CFlowTraceRuntime
import Synchronization

// Values kept for later live in the chunk beside their records: a copy made in the chunk's
// value bytes (no allocation per value), rendered and destroyed by the collector through the
// type's render plan, whose address the record holds.
//
// When the writer falls behind (the thread has `renderNowBacklog` sealed chunks unread and a
// sink is writing), the thread renders the value itself into the same bytes instead: the two
// cores then share the work (the program renders, the writer encodes) rather than the program
// waiting for the writer to render everything. The text is the same: a `Sendable` value's
// copy is the value at call time either way. While the writer is behind by less, a value
// whose text the thread kept from such a render (`ValueTexts`) is recorded as that text: a
// lookup costs the thread a little more than a copy, and saves the writer a render.

/// Where a kept value's record says it is.
enum KeptValue {
  /// `RawRecord.spare` of a value record whose copy is in the chunk's value bytes (at
  /// `spare2`, plan in `b`); otherwise `b` holds a retained `DeferredValue`.
  static let inChunk: UInt16 = 1
  /// `RawRecord.spare` of a value record whose text was rendered when it was recorded: its
  /// UTF-8 (already cut) in the chunk's value bytes at `spare2`, `b` bytes long.
  static let rendered: UInt16 = 2
  /// Larger values (rare) go in a `DeferredValue` box.
  static let largest = 512
  /// Sealed chunks waiting on the thread from which it renders values itself.
  /// (Atomic only for tests, which set it to 0 or `.max` while other threads record.)
  static let renderNowBacklog = Atomic<Int>(4)
  /// Sealed chunks waiting on the thread from which it records a value whose text it kept as
  /// that text (tests set it to 0).
  static let keptTextBacklog = Atomic<Int>(1)
}

extension UnsafeMutablePointer where Pointee == HotState {
  /// Appends a value record (`argValue`/`returnValue`) holding a copy of `value`.
  func append<T>(value: T, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64) {
    let backlog = ft_load_relaxed(pointee.backlog)
    let writing = ft_mode_load() & ModeBits.sink != 0
    let plan = RenderPlans.plan(for: T.self)
    // The writer is behind: the text of an equal value this thread rendered lately (its
    // table is filled by the renders below) goes instead of a copy the writer would render.
    if backlog >= KeptValue.keptTextBacklog.load(ordering: .relaxed), writing,
      let keys = plan.keys, let texts = pointee.valueTexts
    {
      let limit = Runtime.shared.maxValueLength
      let found = withUnsafePointer(to: value) { value in
        texts._withUnsafeGuaranteedRef {
          $0.withKeptText(value, by: plan, keys: keys, limit: limit) {
            appendRenderedText($0, kind: kind, a: a, flags: flags, c: c)
          }
        }
      }
      if found { return }
    }
    if backlog >= KeptValue.renderNowBacklog.load(ordering: .relaxed), writing {
      return appendRendered(value, kind: kind, a: a, flags: flags, c: c)
    }
    let size = MemoryLayout<T>.size
    let alignment = MemoryLayout<T>.alignment
    guard size <= KeptValue.largest, alignment <= RecordChunk.valueAlignment else {
      return appendBoxed(DeferredBox(value), kind: kind, a: a, flags: flags, c: c)
    }
    let (bytes, offset) = valueSlot(size: size, alignment: alignment)
    bytes.initializeMemory(as: T.self, to: value)
    var record = RawRecord(
      kind: kind, flags: flags, a: a,
      b: UInt64(UInt(bitPattern: Unmanaged.passUnretained(plan).toOpaque())), c: c)
    record.spare = KeptValue.inChunk
    record.spare2 = UInt32(offset)
    pointee.records[pointee.count] = record
    pointee.count &+= 1
    // The chunk now needs its scan when it goes away unread.
    pointee.textsUsed = true
  }

  /// Room for `size` bytes in the current chunk's value bytes (a new chunk when the records
  /// or the bytes are full), with a record slot free: the address and its offset.
  private func valueSlot(size: Int, alignment: Int) -> (UnsafeMutableRawPointer, Int) {
    var offset = (pointee.valuesUsed &+ alignment &- 1) & ~(alignment &- 1)
    if pointee.count == RecordChunk.capacity || offset &+ size > RecordChunk.valueCapacity {
      pointee.owner.takeUnretainedValue().roll()
      offset = 0
    }
    let values = pointee.values ?? pointee.owner.takeUnretainedValue().chunk.valueBytes()
    pointee.values = values
    pointee.valuesUsed = offset &+ size
    return (values + offset, offset)
  }

  /// Appends a value record holding the value's text, rendered now.
  func appendRendered<T>(
    _ value: T, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64
  ) {
    // A kept type is never Int, Double, Bool or String (`_defers`): its plan renders it.
    let plan = RenderPlans.plan(for: T.self)
    withRenderStream { out in
      withUnsafePointer(to: value) { plan.text(UnsafeRawPointer($0), into: &out) }
      out.withText { text in appendRenderedText(text, kind: kind, a: a, flags: flags, c: c) }
    }
  }

  /// Appends a value record holding `text` (rendered and cut) in the chunk's value bytes.
  private func appendRenderedText(
    _ text: UnsafeBufferPointer<UInt8>, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64
  ) {
    let size = text.count
    guard size <= RecordChunk.valueCapacity else {
      return appendBoxed(DeferredText(text), kind: kind, a: a, flags: flags, c: c)
    }
    let (bytes, offset) = valueSlot(size: size, alignment: 1)
    if let source = text.baseAddress { bytes.copyMemory(from: source, byteCount: size) }
    var record = RawRecord(kind: kind, flags: flags, a: a, b: UInt64(size), c: c)
    record.spare = KeptValue.rendered
    record.spare2 = UInt32(offset)
    pointee.records[pointee.count] = record
    pointee.count &+= 1
  }

  /// Appends a record holding a retained `DeferredValue` (its address in `b`).
  private func appendBoxed(
    _ value: DeferredValue, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64
  ) {
    let address = UInt64(UInt(bitPattern: Unmanaged.passRetained(value).toOpaque()))
    append(RawRecord(kind: kind, flags: flags, a: a, b: address, c: c))
    pointee.textsUsed = true
  }
}

extension UnsafeMutablePointer where Pointee == HotState {
  /// The text of the value record at `index` of the current chunk (a span's argument), with
  /// its copy left for the writer.
  func keptText(at index: Int) -> String {
    let record = pointee.records[index]
    return withRenderStream { out in
      record.writeKeptValue(values: pointee.values, into: &out)
      return out.text
    }
  }
}

extension RawRecord {
  /// Writes the text of the value a value record keeps (`chunk`: the record's chunk) and
  /// destroys the copy (or releases the box).
  func renderKeptValue(in chunk: RecordChunk, into out: inout BoundedText) {
    writeKeptValue(values: chunk.values, into: &out)
    discardKeptValue(in: chunk)
  }

  /// Writes the text of the value a value record keeps (`values`: its chunk's value bytes),
  /// leaving the copy or box as it is.
  func writeKeptValue(values: UnsafeMutableRawPointer?, into out: inout BoundedText) {
    if spare == KeptValue.rendered {
      return withRenderedText(values: values) { out.writeWhole(utf8: $0) }
    }
    guard let address = UnsafeRawPointer(bitPattern: UInt(b)) else { return }
    if spare == KeptValue.inChunk {
      guard let values else { return }
      Unmanaged<AnyRenderPlan>.fromOpaque(address).takeUnretainedValue()
        .text(UnsafeRawPointer(values + Int(spare2)), into: &out)
    } else {
      Unmanaged<DeferredValue>.fromOpaque(address).takeUnretainedValue().render(into: &out)
    }
  }

  /// Calls `body` with the UTF-8 of a value rendered when it was recorded (`rendered`).
  func withRenderedText(in chunk: RecordChunk, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    withRenderedText(values: chunk.values, body)
  }

  private func withRenderedText(
    values: UnsafeMutableRawPointer?, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    guard let values else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    let text = UnsafeRawPointer(values + Int(spare2)).assumingMemoryBound(to: UInt8.self)
    body(UnsafeBufferPointer(start: text, count: Int(b)))
  }

  /// Destroys the value a value record keeps without rendering it (a chunk dropped unread).
  func discardKeptValue(in chunk: RecordChunk) {
    guard spare != KeptValue.rendered else { return }
    guard let address = UnsafeRawPointer(bitPattern: UInt(b)) else { return }
    if spare == KeptValue.inChunk {
      guard let values = chunk.values else { return }
      Unmanaged<AnyRenderPlan>.fromOpaque(address).takeUnretainedValue()
        .destroy(values + Int(spare2))
    } else {
      Unmanaged<DeferredValue>.fromOpaque(address).release()
    }
  }
}
