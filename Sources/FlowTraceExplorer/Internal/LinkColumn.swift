/// A node link (parent, first child or next sibling) in 16 bits a node: each link is kept as
/// its distance from the node, which is small in traces (a child follows its parent closely,
/// a sibling follows the previous one's subtree). A link out of reach is kept exactly in its
/// chunk's sorted exception list; a chunk with too many of those goes back to 32 bits a node,
/// so no trace costs more than before. Chunks of `chunkSize` nodes, as in `Column`.
struct LinkColumn: Sendable {
  static let shift = 16
  static let chunkSize = 1 << shift
  static let mask = chunkSize - 1
  /// Code of "no link" (`CallTree.none`).
  static let noLink: UInt16 = .max
  /// Code of a link kept in the chunk's exceptions.
  static let far: UInt16 = .max - 1
  /// Exceptions a chunk keeps before it is stored in 32 bits (6 bytes each, against 2 more
  /// bytes for each of the chunk's nodes).
  static let maxFar = 8192

  /// Whether links point to later nodes (children, siblings) or earlier ones (parents).
  let forward: Bool
  private var chunks: [LinkChunk] = []
  /// Number of nodes.
  private(set) var count = 0

  init(forward: Bool) { self.forward = forward }

  @inline(__always)
  private func code(_ value: UInt32, at node: Int) -> UInt16? {
    if value == CallTree.none { return Self.noLink }
    let distance = forward ? Int(value) &- node : node &- Int(value)
    return distance >= 0 && distance < Int(Self.far) ? UInt16(distance) : nil
  }

  subscript(node: Int) -> UInt32 {
    @inline(__always) get {
      let c = node &>> Self.shift
      let k = node & Self.mask
      if chunks[c].isWide { return chunks[c].wide[k] }
      let code = chunks[c].narrow[k]
      if code < Self.far {
        let value = forward ? node &+ Int(code) : node &- Int(code)
        return UInt32(truncatingIfNeeded: value)
      }
      return code == Self.noLink ? CallTree.none : chunks[c].farValue(at: k)
    }
    set {
      let c = node &>> Self.shift
      let k = node & Self.mask
      if chunks[c].isWide {
        chunks[c].wide[k] = newValue
        return
      }
      let old = chunks[c].narrow[k]
      if let code = code(newValue, at: node) {
        chunks[c].narrow[k] = code
        if old == Self.far { chunks[c].removeFar(at: k) }
      } else {
        chunks[c].narrow[k] = Self.far
        chunks[c].setFar(newValue, at: k)
        if chunks[c].farOffsets.count > Self.maxFar { widen(c) }
      }
    }
  }

  /// Appends the link of the next node.
  mutating func append(_ value: UInt32) {
    if count & Self.mask == 0 {
      var chunk = LinkChunk()
      // The first chunk grows by doubling (small trees stay small); later ones are whole.
      if !chunks.isEmpty { chunk.narrow.reserveCapacity(Self.chunkSize) }
      chunks.append(chunk)
    }
    let c = chunks.count &- 1
    let node = count
    count &+= 1
    if chunks[c].isWide { return chunks[c].wide.append(value) }
    if let code = code(value, at: node) { return chunks[c].narrow.append(code) }
    chunks[c].narrow.append(Self.far)
    chunks[c].setFar(value, at: node & Self.mask)
    if chunks[c].farOffsets.count > Self.maxFar { widen(c) }
  }

  /// Stores chunk `c` in 32 bits a node.
  private mutating func widen(_ c: Int) {
    let first = c << Self.shift
    var wide: [UInt32] = []
    wide.reserveCapacity(c == chunks.count - 1 ? Self.chunkSize : chunks[c].narrow.count)
    for k in 0..<chunks[c].narrow.count { wide.append(self[first + k]) }
    chunks[c] = LinkChunk(wide: wide)
  }

  /// Bytes in use (not capacities).
  var byteCount: Int {
    chunks.reduce(0) { $0 + $1.narrow.count * 2 + $1.wide.count * 4 + $1.farOffsets.count * 6 }
  }
}

/// One chunk of a `LinkColumn`: 16-bit codes with exceptions, or (`isWide`) plain links.
struct LinkChunk: Sendable {
  var narrow: [UInt16] = []
  var wide: [UInt32] = []
  var isWide = false
  /// Offsets of the nodes whose link is `far`, ascending, and their links.
  var farOffsets: [UInt16] = []
  var farValues: [UInt32] = []

  init() {}

  init(wide: [UInt32]) {
    self.wide = wide
    isWide = true
  }

  /// The first index of `farOffsets` not below `offset`.
  private func position(of offset: Int) -> Int {
    var low = 0
    var high = farOffsets.count
    while low < high {
      let mid = (low + high) >> 1
      if Int(farOffsets[mid]) < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  func farValue(at offset: Int) -> UInt32 {
    let k = position(of: offset)
    return k < farOffsets.count && Int(farOffsets[k]) == offset ? farValues[k] : CallTree.none
  }

  mutating func setFar(_ value: UInt32, at offset: Int) {
    let k = position(of: offset)
    if k < farOffsets.count && Int(farOffsets[k]) == offset {
      farValues[k] = value
    } else {
      farOffsets.insert(UInt16(offset), at: k)
      farValues.insert(value, at: k)
    }
  }

  mutating func removeFar(at offset: Int) {
    let k = position(of: offset)
    guard k < farOffsets.count && Int(farOffsets[k]) == offset else { return }
    farOffsets.remove(at: k)
    farValues.remove(at: k)
  }
}
