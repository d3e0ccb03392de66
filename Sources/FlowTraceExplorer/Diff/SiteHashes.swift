/// The hashes of call sites' names by site id, as a trace defines them: an array for ids
/// below 65,536 (every call looks one up), a dictionary above. A hash is never 0.
struct SiteHashes {
  private var list: [UInt64] = []
  private var far: [UInt32: UInt64] = [:]

  /// Notes the name hash of site `id` (`hash` ≠ 0).
  mutating func define(_ id: UInt32, _ hash: UInt64) {
    guard id < 1 << 16 else {
      far[id] = hash
      return
    }
    if list.count <= Int(id) {
      list.append(contentsOf: repeatElement(0, count: Int(id) + 1 - list.count))
    }
    list[Int(id)] = hash
  }

  /// The name hash of site `id`, nil when the trace did not define it.
  @inline(__always)
  subscript(id: UInt32) -> UInt64? {
    let listed = Int(id) < list.count ? list[Int(id)] : 0
    return listed != 0 ? listed : far[id]
  }
}
