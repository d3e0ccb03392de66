/// Context indices (program, thread, task) of the nodes: each block of `blockSize`
/// consecutive nodes of one context (the common case: a thread's calls arrive in runs) keeps
/// that index once; a block of several contexts keeps its nodes' indices in `mixed` (16 bits
/// a node, as an `IndexColumn`). Append-only.
struct ContextColumn: Sendable {
  static let blockShift = 8
  static let blockMask = (1 << blockShift) - 1

  /// Per block: its one index (≥ 0), or -(start in `mixed` + 1).
  private var blocks: [Int64] = []
  private var mixed = IndexColumn()
  /// Number of nodes.
  private(set) var count = 0

  init() {}

  mutating func append(_ value: UInt32) {
    let k = count & Self.blockMask
    count += 1
    if k == 0 { return blocks.append(Int64(value)) }
    let b = blocks.count - 1
    let block = blocks[b]
    if block < 0 { return mixed.append(value) }
    if block == Int64(value) { return }
    // The block's first context change: its nodes so far move to `mixed`.
    blocks[b] = -Int64(mixed.count) - 1
    for _ in 0..<k { mixed.append(UInt32(block)) }
    mixed.append(value)
  }

  subscript(node: Int) -> UInt32 {
    let block = blocks[node >> Self.blockShift]
    if block >= 0 { return UInt32(truncatingIfNeeded: block) }
    return mixed[Int(-block - 1) + (node & Self.blockMask)]
  }

  /// Bytes in use.
  var byteCount: Int { blocks.count * 8 + mixed.byteCount }
}
