/// What the decoder remembers between records: the implicit fields (last id, last timestamp,
/// current thread and task, open calls) and the definitions it validates references against.
@usableFromInline
struct DecoderState {
  @usableFromInline var lastCallID: UInt64 = 0
  @usableFromInline var lastTimestamp: UInt64 = 0
  @usableFromInline var hasContext = false
  @usableFromInline var thread: UInt32 = 0
  @usableFromInline var task: UInt64 = 0
  @usableFromInline var stacks = OpenCallStacks()
  @usableFromInline var flatSites: [Bool] = []
  @usableFromInline var otherSites: Set<UInt32> = []
  @usableFromInline var threads: Set<UInt32> = []
  @usableFromInline var tasks: Set<UInt64> = []

  @usableFromInline init() {}

  @inlinable @inline(__always)
  func isSiteDefined(_ id: UInt32) -> Bool {
    if Int(id) < flatSites.count { return flatSites[Int(id)] }
    return id >= WireFormat.flatSiteLimit && otherSites.contains(id)
  }

  /// Records a site definition; false if it was already defined.
  @usableFromInline
  mutating func defineSite(_ id: UInt32) -> Bool {
    if isSiteDefined(id) { return false }
    if id < WireFormat.flatSiteLimit {
      if Int(id) >= flatSites.count {
        flatSites.append(contentsOf: repeatElement(false, count: Int(id) + 1 - flatSites.count))
      }
      flatSites[Int(id)] = true
    } else {
      otherSites.insert(id)
    }
    return true
  }
}
