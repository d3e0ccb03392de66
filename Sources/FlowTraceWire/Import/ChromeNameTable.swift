#if canImport(Glibc)
  import Glibc
#endif

/// The event names a Chrome trace reader has seen, each kept once: a trace repeats a few
/// thousand names millions of times, so a name read again is found by its bytes (no new
/// string) and carries a small id the builder finds its site by (no string hashing).
final class ChromeNameTable {
  /// Open addressing: id + 1 of the name in each slot, 0 when free.
  @exclusivity(unchecked) private var slots = [Int32](repeating: 0, count: 1024)
  @exclusivity(unchecked) private(set) var names: [String] = []
  @exclusivity(unchecked) private var hashes: [UInt64] = []
  @exclusivity(unchecked) private var bytes: [[UInt8]] = []
  /// Past this many names (a trace whose names are all different) new names are not kept.
  static let capacity = 1 << 20
  /// Names longer than this are not kept (rare, and costly to compare).
  static let maxLength = 256

  /// The name with these raw bytes (no escapes) and its id, added at its first use; nil
  /// when the table keeps no more names.
  func name(_ raw: UnsafeRawBufferPointer) -> (id: Int32, text: String)? {
    guard raw.count <= Self.maxLength else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in raw { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      let id = Int(entry - 1)
      if hashes[id] == hash, bytes[id].count == raw.count,
        raw.isEmpty
          || bytes[id].withUnsafeBytes({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) })
            == 0
      {
        return (Int32(id), names[id])
      }
      slot = (slot + 1) & mask
    }
    guard names.count < Self.capacity else { return nil }
    let id = Int32(names.count)
    names.append(String(decoding: raw, as: UTF8.self))
    hashes.append(hash)
    bytes.append(Array(raw))
    slots[slot] = id + 1
    if names.count * 2 > slots.count { grow() }
    return (id, names[Int(id)])
  }

  private func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id + 1)
    }
  }
}
