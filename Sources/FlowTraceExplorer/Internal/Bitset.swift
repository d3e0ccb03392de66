/// A growable set of small integers stored one bit each.
struct Bitset: Sendable, Equatable {
  private(set) var words: [UInt64] = []
  /// Number of addressable bits (indices `0..<count`).
  private(set) var count: Int = 0

  init() {}

  /// A bitset of `count` bits, all set to `value`.
  init(count: Int, value: Bool) {
    self.count = count
    words = Array(repeating: value ? ~0 : 0, count: (count + 63) >> 6)
  }

  subscript(index: Int) -> Bool {
    get {
      guard index < count else { return false }
      return words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }
    set {
      if index >= count { grow(to: index + 1) }
      if newValue {
        words[index >> 6] |= 1 << UInt64(index & 63)
      } else {
        words[index >> 6] &= ~(1 << UInt64(index & 63))
      }
    }
  }

  /// Extends to `newCount` bits; new bits are clear.
  mutating func grow(to newCount: Int, value: Bool = false) {
    guard newCount > count else { return }
    let needed = (newCount + 63) >> 6
    if value {
      // Set the tail of the last partial word, then append full words.
      if count & 63 != 0, let last = words.indices.last {
        words[last] |= ~0 << UInt64(count & 63)
      }
      words.append(contentsOf: repeatElement(~0, count: needed - words.count))
    } else {
      words.append(contentsOf: repeatElement(0, count: needed - words.count))
    }
    count = newCount
  }

  /// Sets every bit to `value`, keeping the count.
  mutating func setAll(_ value: Bool) {
    for i in words.indices { words[i] = value ? ~0 : 0 }
  }

  /// Number of set bits among `0..<count`.
  var population: Int {
    var total = 0
    for (i, word) in words.enumerated() {
      var w = word
      let base = i << 6
      if base + 64 > count { w &= (1 << UInt64(count - base)) &- 1 }
      total += w.nonzeroBitCount
    }
    return total
  }
}
