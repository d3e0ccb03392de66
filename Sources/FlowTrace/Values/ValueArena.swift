// Values kept for later live in the chunk beside their records: a copy made in the chunk's
// value bytes (no allocation per value), rendered and destroyed by the collector through the
// type's render plan, whose address the record holds.

/// Where a kept value's record says it is.
enum KeptValue {
  /// `RawRecord.spare` of a value record whose copy is in the chunk's value bytes (at
  /// `spare2`, plan in `b`); otherwise `b` holds a retained `DeferredValue`.
  static let inChunk: UInt16 = 1
  /// Larger values (rare) go in a `DeferredValue` box.
  static let largest = 512
}

extension UnsafeMutablePointer where Pointee == HotState {
  /// Appends a value record (`argValue`/`returnValue`) holding a copy of `value`.
  func append<T>(value: T, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64) {
    let size = MemoryLayout<T>.size
    let alignment = MemoryLayout<T>.alignment
    guard size <= KeptValue.largest, alignment <= RecordChunk.valueAlignment else {
      return appendBoxed(DeferredBox(value), kind: kind, a: a, flags: flags, c: c)
    }
    var offset = (pointee.valuesUsed &+ alignment &- 1) & ~(alignment &- 1)
    if pointee.count == RecordChunk.capacity || offset &+ size > RecordChunk.valueCapacity {
      pointee.owner.takeUnretainedValue().roll()
      offset = 0
    }
    let values = pointee.values ?? pointee.owner.takeUnretainedValue().chunk.valueBytes()
    pointee.values = values
    (values + offset).initializeMemory(as: T.self, to: value)
    pointee.valuesUsed = offset &+ size
    let plan = RenderPlans.plan(for: T.self)
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

  /// Appends a record holding a retained `DeferredValue` (its address in `b`).
  private func appendBoxed(
    _ value: DeferredValue, kind: RecordKind, a: UInt64, flags: UInt8, c: UInt64
  ) {
    let address = UInt64(UInt(bitPattern: Unmanaged.passRetained(value).toOpaque()))
    append(RawRecord(kind: kind, flags: flags, a: a, b: address, c: c))
    pointee.textsUsed = true
  }
}

extension RawRecord {
  /// Writes the text of the value a value record keeps (`chunk`: the record's chunk) and
  /// destroys the copy (or releases the box).
  func renderKeptValue(in chunk: RecordChunk, into out: inout BoundedText) {
    guard let address = UnsafeRawPointer(bitPattern: UInt(b)) else { return }
    if spare == KeptValue.inChunk {
      guard let values = chunk.values else { return }
      let plan = Unmanaged<AnyRenderPlan>.fromOpaque(address).takeUnretainedValue()
      let value = values + Int(spare2)
      plan.top(UnsafeRawPointer(value), into: &out)
      plan.destroy(value)
    } else {
      Unmanaged<DeferredValue>.fromOpaque(address).takeRetainedValue().render(into: &out)
    }
  }

  /// Destroys the value a value record keeps without rendering it (a chunk dropped unread).
  func discardKeptValue(in chunk: RecordChunk) {
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
