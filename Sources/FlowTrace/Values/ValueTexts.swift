/// The texts of values a thread rendered lately, found again by the values' contents: a value
/// whose type has a key (`KeyProgram`) and that was rendered before with the same key and
/// limit is written from here, without running its plan (or its type's `description`) again.
///
/// Real code passes the same values over and over (a graph's edges, the number a loop adds
/// to, a parser's tokens), and a type's own `description` can cost microseconds. Per thread
/// (`HotState.valueTexts`): no lock, no line shared with another thread. Keys are copies of
/// the contents, so nothing of the program's is kept alive.
final class ValueTexts {
  /// Slots, in pairs picked by a hash of the plan and the key (a key may take either slot
  /// of its pair: two keys whose hashes meet both stay).
  static let slotCount = 512

  private struct Slot {
    var plan: UnsafeRawPointer?
    var limit = 0
    /// Used more lately than the other slot of its pair.
    var recent = false
    var key: [UInt8] = []
    /// The value's text, cut.
    var text: [UInt8] = []
  }

  private let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
  @exclusivity(unchecked) private var buffer = ValueKey()

  init() {
    slots.initialize(repeating: Slot(), count: Self.slotCount)
  }

  deinit {
    slots.deinitialize(count: Self.slotCount)
    slots.deallocate()
    buffer.bytes.deallocate()
  }

  /// Writes the text of the value at `value` by `plan`'s top rule into `out`, an empty stream:
  /// from the slot that holds it, or rendered and kept.
  func write(
    _ value: UnsafeRawPointer, by plan: AnyRenderPlan, keys: KeyProgram,
    into out: inout BoundedText
  ) {
    guard let key = read(value, keys) else { return plan.top(value, into: &out) }
    let (found, free) = find(key, plan, limit: out.limit)
    if let found {
      return found.pointee.text.withUnsafeBufferPointer { out.writeWhole(utf8: $0) }
    }
    plan.top(value, into: &out)
    // Rendering may have used this thread's key buffer (a value rendered inside this one):
    // the key is read again.
    guard let kept = read(value, keys) else { return }
    markUsed(free)
    free.pointee.plan = UnsafeRawPointer(Unmanaged.passUnretained(plan).toOpaque())
    free.pointee.limit = out.limit
    free.pointee.key.removeAll(keepingCapacity: true)
    free.pointee.key.append(contentsOf: kept)
    free.pointee.text.removeAll(keepingCapacity: true)
    out.withText { free.pointee.text.append(contentsOf: $0) }
  }

  /// Calls `body` with the text this thread kept for the value at `value` (cut at `limit`)
  /// and returns true; false, without rendering, when it kept none.
  func withKeptText(
    _ value: UnsafeRawPointer, by plan: AnyRenderPlan, keys: KeyProgram, limit: Int,
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Bool {
    guard let key = read(value, keys), let found = find(key, plan, limit: limit).found else {
      return false
    }
    found.pointee.text.withUnsafeBufferPointer(body)
    return true
  }

  /// The slot that holds `key` for `plan` and `limit` (marked used last), or else the slot of
  /// the pair to write it in.
  private func find(
    _ key: UnsafeRawBufferPointer, _ plan: AnyRenderPlan, limit: Int
  ) -> (found: UnsafeMutablePointer<Slot>?, free: UnsafeMutablePointer<Slot>) {
    let address = UnsafeRawPointer(Unmanaged.passUnretained(plan).toOpaque())
    // Two slots a key may take (the pair at `index`): the one used last is kept.
    let pair = slots + (slotIndex(address, key) & ~1)
    for way in 0..<2 {
      let slot = pair + way
      if slot.pointee.plan == address, slot.pointee.limit == limit, holds(slot, key) {
        markUsed(slot)
        return (slot, slot)
      }
    }
    return (nil, pair[0].recent ? pair + 1 : pair)
  }

  /// Marks `slot` as used after the other slot of its pair.
  private func markUsed(_ slot: UnsafeMutablePointer<Slot>) {
    slot.pointee.recent = true
    slots[(slot - slots) ^ 1].recent = false
  }

  /// The key of the value at `value`: its own bytes, or read into this thread's buffer; nil
  /// when it does not fit.
  private func read(_ value: UnsafeRawPointer, _ keys: KeyProgram) -> UnsafeRawBufferPointer? {
    if let size = keys.wholeSize { return UnsafeRawBufferPointer(start: value, count: size) }
    guard keys.write(value, into: &buffer) else { return nil }
    return UnsafeRawBufferPointer(start: buffer.bytes, count: buffer.count)
  }

  /// True when `slot` holds `key` (compared inline, eight bytes at a time: a call to `memcmp`
  /// made a 16–24-byte lookup ~10 ns slower).
  private func holds(_ slot: UnsafeMutablePointer<Slot>, _ key: UnsafeRawBufferPointer) -> Bool {
    slot.pointee.key.withUnsafeBytes { held in
      guard held.count == key.count else { return false }
      guard let base = held.baseAddress, let other = key.baseAddress else { return true }
      var offset = 0
      while offset &+ 8 <= key.count {
        if base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          != other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        {
          return false
        }
        offset &+= 8
      }
      while offset < key.count {
        if base.load(fromByteOffset: offset, as: UInt8.self)
          != other.load(fromByteOffset: offset, as: UInt8.self)
        {
          return false
        }
        offset &+= 1
      }
      return true
    }
  }

  /// A hash of the plan and the key (eight bytes at a time), as a slot index.
  private func slotIndex(_ plan: UnsafeRawPointer, _ key: UnsafeRawBufferPointer) -> Int {
    var hash = UInt64(UInt(bitPattern: plan))
    guard let base = key.baseAddress else {
      return Int(truncatingIfNeeded: hash >> 4) & (Self.slotCount &- 1)
    }
    var offset = 0
    while offset &+ 8 <= key.count {
      hash =
        (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        &* 0x9E37_79B9_7F4A_7C15
      hash ^= hash >> 29
      offset &+= 8
    }
    while offset < key.count {
      hash =
        (hash ^ UInt64(base.load(fromByteOffset: offset, as: UInt8.self)))
        &* 0x9E37_79B9_7F4A_7C15
      offset &+= 1
    }
    return Int(truncatingIfNeeded: hash >> 40) & (Self.slotCount &- 1)
  }
}
