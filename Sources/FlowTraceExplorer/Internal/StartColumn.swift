/// Start times in 32 bits a node: each block of `blockSize` consecutive nodes shares a 64-bit
/// base and each node keeps its distance from it. Nodes of a block arrive close in time (a
/// block spans more than ±2 s only in a slow trace, or where programs with different clocks
/// interleave); a start out of its block's reach is kept exactly in `overflow`.
struct StartColumn: Sendable {
  static let blockShift = 8
  static let noTime: UInt64 = .max
  /// Codes of `deltas` that are not distances.
  static let absent: UInt32 = .max
  static let overflowed: UInt32 = .max - 1
  /// How far before its block's first start a start may lie.
  static let reachBefore: UInt64 = 1 << 31

  private var deltas = Column<UInt32>()
  /// Per block: the base its distances count from (`noTime` until a timed start arrives).
  private var bases: [UInt64] = []
  private var overflow: [UInt32: UInt64] = [:]

  init() {}

  var count: Int { deltas.count }

  mutating func append(_ start: UInt64) {
    let node = deltas.count
    let block = node >> Self.blockShift
    if block == bases.count { bases.append(Self.noTime) }
    guard start != Self.noTime else { return deltas.append(Self.absent) }
    if bases[block] == Self.noTime { bases[block] = start - min(start, Self.reachBefore) }
    let base = bases[block]
    if start >= base && start - base < UInt64(Self.overflowed) {
      deltas.append(UInt32(start - base))
    } else {
      overflow[UInt32(node)] = start
      deltas.append(Self.overflowed)
    }
  }

  /// The start of a node, `noTime` when it has none.
  subscript(node: Int) -> UInt64 {
    get {
      let delta = deltas[node]
      if delta < Self.overflowed { return bases[node >> Self.blockShift] &+ UInt64(delta) }
      return delta == Self.absent ? Self.noTime : overflow[UInt32(node)] ?? Self.noTime
    }
    set {
      let block = node >> Self.blockShift
      if deltas[node] == Self.overflowed { overflow[UInt32(node)] = nil }
      guard newValue != Self.noTime else {
        deltas[node] = Self.absent
        return
      }
      if bases[block] == Self.noTime { bases[block] = newValue - min(newValue, Self.reachBefore) }
      let base = bases[block]
      if newValue >= base && newValue - base < UInt64(Self.overflowed) {
        deltas[node] = UInt32(newValue - base)
      } else {
        deltas[node] = Self.overflowed
        overflow[UInt32(node)] = newValue
      }
    }
  }

  /// Bytes in use: the distances, the bases and the exact starts kept aside.
  var byteCount: Int { deltas.byteCount + bases.count * 8 + overflow.count * 24 }
}
