import FlowTraceText

/// Growable memory for the bytes of a `BoundedText`, reused from stream to stream.
final class ByteStore {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private(set) var capacity: Int

  /// A store for a stream that is restarted on another store before it is written.
  nonisolated(unsafe) static let placeholder = ByteStore(capacity: 1)

  init(capacity: Int = 256) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  /// Makes room for at least `minimum` bytes, keeping those held.
  func grow(to minimum: Int) {
    let larger = max(minimum, 2 * capacity)
    base = base.grown(keeping: capacity, to: larger)
    capacity = larger
  }

  deinit { base.deallocate() }
}
