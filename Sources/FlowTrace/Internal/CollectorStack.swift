/// One call the collector has read open: its internal id and its wire id.
struct CollectorStackEntry {
  var id: UInt64
  var wire: UInt64
}

/// The calls the collector has read open on one thread, innermost last, and the last 256 that
/// ended there (so late children, from unstructured tasks, still find their parent).
///
/// Flat memory, used only under the collector lock: pushing and popping are a store and a
/// count change, with no uniqueness or bounds checks (this runs twice per traced call).
struct CollectorStack {
  private var calls: UnsafeMutablePointer<CollectorStackEntry>
  private var capacity = 64
  private(set) var count = 0
  private let closed: UnsafeMutablePointer<CollectorStackEntry>
  private var closedNext = 0
  static let closedCapacity = 256

  init() {
    calls = .allocate(capacity: 64)
    closed = .allocate(capacity: CollectorStack.closedCapacity)
    closed.initialize(
      repeating: CollectorStackEntry(id: 0, wire: 0), count: CollectorStack.closedCapacity)
  }

  /// Frees the memory (the value must not be used afterwards).
  func deallocate() {
    calls.deallocate()
    closed.deallocate()
  }

  /// The innermost open call's id, or 0.
  @inline(__always)
  var topID: UInt64 { count > 0 ? calls[count &- 1].id : 0 }

  /// The innermost open call's wire id (valid only when `count > 0`).
  @inline(__always)
  var topWire: UInt64 { calls[count &- 1].wire }

  /// The innermost open call's wire id, or nil.
  var lastWire: UInt64? { count > 0 ? calls[count &- 1].wire : nil }

  @inline(__always)
  mutating func push(_ id: UInt64, wire: UInt64) {
    if count == capacity { grow() }
    calls[count] = CollectorStackEntry(id: id, wire: wire)
    count &+= 1
  }

  /// Closes the innermost call (there must be one) and returns its wire id.
  @inline(__always)
  mutating func popTop() -> UInt64 {
    count &-= 1
    let call = calls[count]
    close(call)
    return call.wire
  }

  /// The position of open call `id`, searching from the innermost.
  func position(of id: UInt64) -> Int? {
    var index = count - 1
    while index >= 0 {
      if calls[index].id == id { return index }
      index -= 1
    }
    return nil
  }

  /// The wire id of the open call at `position`.
  func wire(at position: Int) -> UInt64 { calls[position].wire }

  /// Closes the open call at `position` (an async call ending before calls opened after it).
  mutating func remove(at position: Int) -> UInt64 {
    let call = calls[position]
    count -= 1
    for index in position..<count { calls[index] = calls[index + 1] }
    close(call)
    return call.wire
  }

  /// The wire id of a recently ended call.
  func closedWire(of id: UInt64) -> UInt64? {
    for index in 0..<CollectorStack.closedCapacity where closed[index].id == id {
      return closed[index].wire
    }
    return nil
  }

  @inline(__always)
  private mutating func close(_ call: CollectorStackEntry) {
    closed[closedNext] = call
    closedNext = (closedNext &+ 1) & (CollectorStack.closedCapacity - 1)
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<CollectorStackEntry>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: calls, count: count)
    calls.deallocate()
    calls = bigger
    capacity *= 2
  }
}
