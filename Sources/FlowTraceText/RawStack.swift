import FlowTraceWire

/// A growable stack of plain values in manually managed memory (the fast printer's open
/// calls): push and pop without uniqueness checks. The owner calls `deallocate()`.
struct RawStack<Element: BitwiseCopyable>: BitwiseCopyable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 256) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  func deallocate() { base.deallocate() }

  var isEmpty: Bool { count == 0 }

  @inline(__always)
  mutating func push(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count &+= 1
  }

  /// Removes and returns the top element (the stack must not be empty).
  @inline(__always)
  mutating func pop() -> Element {
    count &-= 1
    return base[count]
  }

  mutating func removeAll() { count = 0 }

  @inline(never)
  private mutating func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}
