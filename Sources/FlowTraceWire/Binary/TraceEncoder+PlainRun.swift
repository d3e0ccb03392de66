/// A stretch of plain records lent by `TraceEncoder.plainRun`: calls without timestamp (with
/// or without arguments) with the next call id, nested in the innermost open call (or roots
/// while none is open), and returns of the innermost open call without timestamp (with or
/// without a result), written by the caller into flat scratch memory. A structure-only call
/// takes 4 or 5 bytes and a return 3 (sites below 16,384).
///
/// The caller keeps the nesting exact: a call's parent must be the innermost open call (one
/// of `base` while the run has none of its own open; a root only when `baseTop` is nil and
/// the run has no call open), a return must end the innermost open call, and on return
/// `pushed[0..<pushedCount]` must hold the ids of the run's calls still open, outermost
/// first. The encoder then appends the bytes and takes that stack over.
public struct PlainRun {
  /// Where the records go; `used` bytes are written, `limit` may be reached by one record.
  public let out: UnsafeMutableRawPointer
  public var used = 0
  public let limit: Int
  /// The id the next call must have.
  public var nextID: UInt64
  /// The encoder's open calls of this context when the run began, innermost last; the run
  /// closed the last `popped` of them.
  public let base: UnsafeBufferPointer<UInt64>
  public var popped = 0
  /// The run's own open calls, filled by the caller at the end (at most `pushedCapacity`).
  public let pushed: UnsafeMutablePointer<UInt64>
  public var pushedCount = 0
  public let pushedCapacity: Int
  /// The sites of the run's open calls, outermost first (kept by `writeCall` and
  /// `writeReturn`; `pushedCapacity` is a power of two).
  @usableFromInline let sites: UnsafeMutablePointer<UInt32>
  /// The collect flags of the run's open calls, as `sites`.
  @usableFromInline let flagBits: UnsafeMutablePointer<UInt8>
  @usableFromInline var depth = 0

  @usableFromInline
  init(
    out: UnsafeMutableRawPointer, limit: Int, nextID: UInt64, base: UnsafeBufferPointer<UInt64>,
    pushed: UnsafeMutablePointer<UInt64>, pushedCapacity: Int, sites: UnsafeMutablePointer<UInt32>,
    flagBits: UnsafeMutablePointer<UInt8>
  ) {
    self.out = out
    self.limit = limit
    self.nextID = nextID
    self.base = base
    self.pushed = pushed
    self.pushedCapacity = pushedCapacity
    self.sites = sites
    self.flagBits = flagBits
  }

  /// The innermost call of `base` still open, or nil.
  @inlinable
  public var baseTop: UInt64? {
    let depth = base.count &- popped
    return depth > 0 ? base[depth &- 1] : nil
  }

  /// Writes a call record at `site` and takes the next id. Needs `used < limit`.
  @inlinable @inline(__always)
  public mutating func writeCall(site: UInt32) {
    // Tag 0x05, length, form 0, site as a varint.
    if site < 0x80 {
      (out + used).storeBytes(of: (0x0205 | site << 24).littleEndian, as: UInt32.self)
      used &+= 4
    } else if site < 0x4000 {
      (out + used).storeBytes(
        of: (0x0305 | (site & 0x7F | 0x80) << 24).littleEndian, as: UInt32.self)
      (out + used + 4).storeBytes(of: UInt8(truncatingIfNeeded: site >> 7), as: UInt8.self)
      used &+= 5
    } else {
      writeCallSlowly(site: site)
    }
    nextID &+= 1
    sites[depth & (pushedCapacity &- 1)] = site
    flagBits[depth & (pushedCapacity &- 1)] = 0
    depth &+= 1
  }

  /// Writes a call record with collect flags `flags` (arguments and result bits; no timing)
  /// and, when `arguments` is given, `argumentCount` texts in `TextList` form (each
  /// length-prefixed), and takes the next id; false, with nothing written, when it does not
  /// fit in the run.
  @inlinable
  public mutating func writeCall(
    site: UInt32, flags: UInt8, arguments: UnsafeBufferPointer<UInt8>?, argumentCount: Int
  ) -> Bool {
    var form = flags
    var payload = 1 &+ varintSize(UInt64(site))
    if let arguments {
      form |= CallForm.hasArgs
      payload &+= varintSize(UInt64(argumentCount)) &+ arguments.count
    }
    let total = 1 &+ varintSize(UInt64(payload)) &+ payload
    guard used &+ total <= limit else { return false }
    var at = out + used
    at.storeBytes(of: 0x05, as: UInt8.self)
    at = storeVarint(UInt64(payload), at: at + 1)
    at.storeBytes(of: form, as: UInt8.self)
    at = storeVarint(UInt64(site), at: at + 1)
    if let arguments {
      at = storeVarint(UInt64(argumentCount), at: at)
      if let source = arguments.baseAddress, arguments.count > 0 {
        at.copyMemory(from: source, byteCount: arguments.count)
      }
    }
    used &+= total
    nextID &+= 1
    sites[depth & (pushedCapacity &- 1)] = site
    flagBits[depth & (pushedCapacity &- 1)] = flags
    depth &+= 1
    return true
  }

  /// Writes a return record with a result (its UTF-8); false, with nothing written, when it
  /// does not fit in the run.
  @inlinable
  public mutating func writeReturn(result: UnsafeBufferPointer<UInt8>) -> Bool {
    let payload = 1 &+ varintSize(UInt64(result.count)) &+ result.count
    let total = 1 &+ varintSize(UInt64(payload)) &+ payload
    guard used &+ total <= limit else { return false }
    var at = out + used
    at.storeBytes(of: 0x06, as: UInt8.self)
    at = storeVarint(UInt64(payload), at: at + 1)
    at.storeBytes(of: ReturnForm.hasResult, as: UInt8.self)
    at = storeVarint(UInt64(result.count), at: at + 1)
    if let source = result.baseAddress, result.count > 0 {
      at.copyMemory(from: source, byteCount: result.count)
    }
    used &+= total
    if depth > 0 { depth &-= 1 }
    return true
  }

  /// The bytes of a call record at a site of three varint bytes or more (at most 8 bytes).
  @usableFromInline
  mutating func writeCallSlowly(site: UInt32) {
    let start = out + used
    start.storeBytes(of: 0x05, as: UInt8.self)
    start.storeBytes(of: 0, toByteOffset: 2, as: UInt8.self)
    var length = 3
    var value = site
    while value >= 0x80 {
      start.storeBytes(
        of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: length, as: UInt8.self)
      value >>= 7
      length &+= 1
    }
    start.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: length, as: UInt8.self)
    length &+= 1
    start.storeBytes(of: UInt8(truncatingIfNeeded: length &- 2), toByteOffset: 1, as: UInt8.self)
    used &+= length
  }

  /// Writes a return record. Needs `used < limit`.
  @inlinable @inline(__always)
  public mutating func writeReturn() {
    // Tag 0x06, length 1, form 0 (the fourth byte stored is scratch, overwritten next).
    (out + used).storeBytes(of: UInt32(0x0106).littleEndian, as: UInt32.self)
    used &+= 3
    if depth > 0 { depth &-= 1 }
  }
}

extension TraceEncoder {
  /// Bytes and nesting depth a run may write (into the encoder's `PlainRunScratch`).
  public static let plainRunBytes = 16 << 10
  public static let plainRunDepth = 1024

  /// Lends `body` a run of plain records in the context (`thread`, `task`), then appends what
  /// it wrote. Returns nil, without calling `body`, when that is not the current context
  /// (then use the general methods, which switch it). `body` returns where it stopped.
  ///
  /// Not generic: a generic result here made the runtime look up a tuple type's metadata
  /// (`(R, PlainRun)`) on every run, behind a lock — a quarter of a structure-only drain.
  public mutating func plainRun(
    thread: UInt32, task: UInt64, _ body: (inout PlainRun) -> Int
  ) -> Int? {
    guard hasContext, thread == contextThread, task == contextTask else { return nil }
    // Scratch memory kept from run to run (too big for the stack: a temporary allocation
    // of it was a malloc and free per run); a copy of the encoder makes its own.
    if !isKnownUniquelyReferenced(&plainRunScratch) { plainRunScratch = PlainRunScratch() }
    let raw = plainRunScratch.raw
    let pushed = (raw + TraceEncoder.plainRunBytes).bindMemory(
      to: UInt64.self, capacity: TraceEncoder.plainRunDepth)
    let sites = (raw + TraceEncoder.plainRunBytes + 8 * TraceEncoder.plainRunDepth)
      .bindMemory(to: UInt32.self, capacity: TraceEncoder.plainRunDepth)
    let flagBits = (raw + TraceEncoder.plainRunBytes + 12 * TraceEncoder.plainRunDepth)
      .bindMemory(to: UInt8.self, capacity: TraceEncoder.plainRunDepth)
    let nextID = lastCallID &+ 1
    var result = 0
    let run = stacks.current.withUnsafeBufferPointer { base -> PlainRun in
      var run = PlainRun(
        out: raw, limit: TraceEncoder.plainRunBytes - 8, nextID: nextID, base: base,
        pushed: pushed, pushedCapacity: TraceEncoder.plainRunDepth, sites: sites,
        flagBits: flagBits)
      result = body(&run)
      return run
    }
    if run.popped > 0 { stacks.current.removeLast(run.popped) }
    if run.pushedCount > 0 {
      stacks.current.append(
        contentsOf: UnsafeBufferPointer(start: pushed, count: run.pushedCount))
    }
    if tracking {
      keepPlainRun(
        popped: run.popped, pushed: UnsafeBufferPointer(start: pushed, count: run.pushedCount),
        sites: sites, flagBits: flagBits)
    }
    if run.used > 0 {
      bytes.append(contentsOf: UnsafeRawBufferPointer(start: raw, count: run.used))
    }
    lastCallID = run.nextID &- 1
    return result
  }
}

/// The memory a plain run writes into before its bytes are appended.
final class PlainRunScratch: @unchecked Sendable {
  let raw: UnsafeMutableRawPointer

  init() {
    raw = .allocate(
      byteCount: TraceEncoder.plainRunBytes + 13 * TraceEncoder.plainRunDepth, alignment: 8)
  }

  deinit { raw.deallocate() }
}
