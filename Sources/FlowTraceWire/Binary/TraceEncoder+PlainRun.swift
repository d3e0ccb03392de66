/// A writer of plain records lent by `TraceEncoder.plainRun`: structure-only calls (no flags,
/// timestamp or arguments) nested in the innermost open call, and returns of the innermost
/// open call without timestamp or result: 4 and 3 bytes, written into flat scratch memory
/// with no per-record checks beyond the ones that keep the stream exact.
///
/// Each method returns false, writing nothing, when the record needs the general form (then
/// end the run and use `call` or `return`).
public struct PlainRun {
  @usableFromInline let out: UnsafeMutableRawPointer
  @usableFromInline var used = 0
  @usableFromInline let limit: Int
  /// The id the next call must have.
  @usableFromInline var nextID: UInt64
  /// The encoder's open calls of this context when the run began; `baseDepth` of them are
  /// still open.
  @usableFromInline let base: UnsafePointer<UInt64>?
  @usableFromInline var baseDepth: Int
  /// Calls opened during the run and still open.
  @usableFromInline let pushed: UnsafeMutablePointer<UInt64>
  @usableFromInline var pushedCount = 0
  @usableFromInline let pushedCapacity: Int

  @usableFromInline
  init(
    out: UnsafeMutableRawPointer, limit: Int, nextID: UInt64, base: UnsafePointer<UInt64>?,
    baseDepth: Int, pushed: UnsafeMutablePointer<UInt64>, pushedCapacity: Int
  ) {
    self.out = out
    self.limit = limit
    self.nextID = nextID
    self.base = base
    self.baseDepth = baseDepth
    self.pushed = pushed
    self.pushedCapacity = pushedCapacity
  }

  /// The innermost open call of the context, or 0.
  @inlinable
  var top: UInt64 {
    if pushedCount > 0 { return pushed[pushedCount &- 1] }
    guard baseDepth > 0, let base else { return 0 }
    return base[baseDepth &- 1]
  }

  /// Writes the start of call `id` (the next id) at `site`, nested in `parent`, which must be
  /// the innermost open call.
  @inlinable @inline(__always)
  public mutating func call(id: UInt64, parent: UInt64, site: UInt32) -> Bool {
    guard id == nextID, parent != 0, used < limit, pushedCount < pushedCapacity, site < 0x4000,
      parent == top
    else { return false }
    // Tag 0x05, length, form 0, site as a varint.
    if site < 0x80 {
      (out + used).storeBytes(of: (0x0205 | site << 24).littleEndian, as: UInt32.self)
      used &+= 4
    } else {
      (out + used).storeBytes(
        of: (0x0305 | (site & 0x7F | 0x80) << 24).littleEndian, as: UInt32.self)
      (out + used + 4).storeBytes(of: UInt8(truncatingIfNeeded: site >> 7), as: UInt8.self)
      used &+= 5
    }
    pushed[pushedCount] = id
    pushedCount &+= 1
    nextID &+= 1
    return true
  }

  /// Writes the end of call `id`, which must be the innermost open call.
  @inlinable @inline(__always)
  public mutating func `return`(id: UInt64) -> Bool {
    guard id != 0, used < limit, id == top else { return false }
    // Tag 0x06, length 1, form 0 (the fourth byte stored is scratch, overwritten next).
    (out + used).storeBytes(of: UInt32(0x0106).littleEndian, as: UInt32.self)
    used &+= 3
    if pushedCount > 0 { pushedCount &-= 1 } else { baseDepth &-= 1 }
    return true
  }
}

extension TraceEncoder {
  /// Records written per run at most (a run's scratch memory is on the stack).
  static let plainRunBytes = 16 << 10
  static let plainRunDepth = 1024

  /// Lends `body` a writer of plain records in the context (`thread`, `task`), then appends
  /// what it wrote. Returns nil, without calling `body`, when that is not the current context
  /// (then use the general methods, which switch it).
  public mutating func plainRun<R>(
    thread: UInt32, task: UInt64, _ body: (inout PlainRun) -> R
  ) -> R? {
    guard hasContext, thread == contextThread, task == contextTask else { return nil }
    return withUnsafeTemporaryAllocation(
      byteCount: TraceEncoder.plainRunBytes + 8 * TraceEncoder.plainRunDepth, alignment: 8
    ) { scratch -> R in
      let raw = scratch.baseAddress!
      let pushed = (raw + TraceEncoder.plainRunBytes).bindMemory(
        to: UInt64.self, capacity: TraceEncoder.plainRunDepth)
      let depth = stacks.current.count
      let nextID = lastCallID &+ 1
      let (result, run) = stacks.current.withUnsafeBufferPointer { base in
        var run = PlainRun(
          out: raw, limit: TraceEncoder.plainRunBytes - 8, nextID: nextID,
          base: base.baseAddress, baseDepth: depth, pushed: pushed,
          pushedCapacity: TraceEncoder.plainRunDepth)
        let result = body(&run)
        return (result, run)
      }
      if run.baseDepth < depth { stacks.current.removeLast(depth - run.baseDepth) }
      if run.pushedCount > 0 {
        stacks.current.append(
          contentsOf: UnsafeBufferPointer(start: pushed, count: run.pushedCount))
      }
      if run.used > 0 {
        bytes.append(
          contentsOf: UnsafeRawBufferPointer(start: raw, count: run.used))
      }
      lastCallID = run.nextID &- 1
      return result
    }
  }
}
