/// One remembered call site: its address (0: empty) and wire id.
struct SiteCacheEntry {
  var address: UInt64
  var id: UInt32
}

/// The wire ids of recently met call sites by address, direct-mapped: a lookup is a multiply,
/// a load and a compare (the collector's `siteIDs` dictionary hashed every call whose site
/// differs from its thread's previous one). A miss says nothing: ask the dictionary.
///
/// Flat memory, used only under the collector lock.
struct SiteCache {
  static let size = 1024
  private let entries: UnsafeMutablePointer<SiteCacheEntry>

  init() {
    entries = .allocate(capacity: SiteCache.size)
    entries.initialize(repeating: SiteCacheEntry(address: 0, id: 0), count: SiteCache.size)
  }

  /// Frees the memory (the value must not be used afterwards).
  func deallocate() {
    entries.deallocate()
  }

  @inline(__always)
  private static func slot(_ address: UInt64) -> Int {
    Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> 54)
  }

  /// The wire id of the site at `address`, or 0 when it is not in the cache.
  @inline(__always)
  func id(of address: UInt64) -> UInt32 {
    let entry = entries[SiteCache.slot(address)]
    return entry.address == address && address != 0 ? entry.id : 0
  }

  /// Remembers a site (replacing the one that shared its slot).
  @inline(__always)
  func note(_ address: UInt64, id: UInt32) {
    entries[SiteCache.slot(address)] = SiteCacheEntry(address: address, id: id)
  }
}
