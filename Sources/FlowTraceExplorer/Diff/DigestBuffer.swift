import FlowTraceText

/// A growable buffer of plain values without the copy-on-write checks of an array: pass 1 of
/// the streaming diff (`TraceDigest`) appends a node and pushes and pops a frame per call.
/// A reference: copies share the storage (the digest is written by one reader, then only
/// read).
final class DigestBuffer<Element: BitwiseCopyable> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private(set) var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }
  var indices: Range<Int> { 0..<count }
  var last: Element? { count > 0 ? base[count - 1] : nil }

  /// Room for `n` elements in all.
  func reserve(_ n: Int) {
    guard n > capacity else { return }
    base = base.grown(keeping: count, to: n)
    capacity = n
  }

  @inline(__always)
  func append(_ element: Element) {
    if count == capacity { reserve(capacity * 2) }
    (base + count).initialize(to: element)
    count += 1
  }

  @inline(__always)
  @discardableResult
  func removeLast() -> Element {
    precondition(count > 0)
    count -= 1
    return base[count]
  }

  func popLast() -> Element? { count > 0 ? removeLast() : nil }

  @inline(__always)
  subscript(index: Int) -> Element {
    get {
      assert(index >= 0 && index < count)
      return base[index]
    }
    set {
      assert(index >= 0 && index < count)
      base[index] = newValue
    }
  }

  func map<T>(_ transform: (Element) -> T) -> [T] { indices.map { transform(base[$0]) } }

  func lastIndex(where matches: (Element) -> Bool) -> Int? {
    var k = count - 1
    while k >= 0 && !matches(base[k]) { k -= 1 }
    return k >= 0 ? k : nil
  }
}
