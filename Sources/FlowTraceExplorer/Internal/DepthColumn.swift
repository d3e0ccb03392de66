/// Node depths in 8 bits a node: each block of `blockSize` consecutive nodes keeps a 16-bit
/// base and each node its distance from it (depths of nodes that arrive together are close:
/// a call is one deeper than its parent). A depth out of its block's reach (a return from
/// more than ~127 levels, threads of very different depths interleaving) is kept exactly in
/// `overflow`. Append-only.
struct DepthColumn: Sendable {
  static let blockShift = 8
  /// Code of a depth kept in `overflow`.
  static let overflowed: UInt8 = .max
  /// How far below its block's first depth a depth may lie.
  static let reachBelow: UInt16 = 127

  private var offsets = Column<UInt8>()
  /// Per block: the depth its offsets count from.
  private var bases: [UInt16] = []
  private var overflow: [UInt32: UInt16] = [:]

  init() {}

  var count: Int { offsets.count }

  mutating func append(_ depth: UInt16) {
    let node = offsets.count
    let block = node >> Self.blockShift
    if block == bases.count { bases.append(depth - min(depth, Self.reachBelow)) }
    let base = bases[block]
    if depth >= base && depth - base < UInt16(Self.overflowed) {
      offsets.append(UInt8(depth - base))
    } else {
      overflow[UInt32(node)] = depth
      offsets.append(Self.overflowed)
    }
  }

  subscript(node: Int) -> UInt16 {
    @inline(__always) get {
      let offset = offsets[node]
      if offset != Self.overflowed { return bases[node >> Self.blockShift] &+ UInt16(offset) }
      return overflow[UInt32(node)] ?? 0
    }
  }

  /// Bytes in use: the offsets, the bases and the depths kept aside.
  var byteCount: Int { offsets.byteCount + bases.count * 2 + overflow.count * 24 }
}
