/// The text of the last collection of one type rendered, kept with the collection itself.
///
/// An array or dictionary is one reference to its storage. While the memo holds a copy, that
/// storage is not uniquely referenced, so nobody can change it in place (a change copies it
/// first): a value with the same storage reference has the same elements, and — when the
/// elements' texts depend on nothing but their bits (`keepsText(of:)`) — the same text. So
/// the same dictionary passed to many calls is rendered once.
final class TextMemo: @unchecked Sendable {
  private struct Entry {
    let storage: UInt
    let limit: Int
    let held: [UInt8]
    let settled: Bool
    /// The copy that keeps the storage alive and shared (an array or dictionary: one word,
    /// held in the existential without a box).
    let copy: Any
  }

  private let last = Locked<Entry?>(nil)

  /// Element types whose text is a function of their value: strings, the standard numbers
  /// and `Bool`, and trivial types (no references) that reflection prints (no text
  /// conformance of their own; one of their fields' types could still have one).
  static func keepsText<Element, Collection>(
    of _: Element.Type, in _: Collection.Type
  ) -> Bool {
    guard MemoryLayout<Collection>.size == MemoryLayout<UInt>.size else { return false }
    let standard: [Any.Type] = [
      String.self, Int.self, Int64.self, Int32.self, Int16.self, Int8.self, UInt.self,
      UInt64.self, UInt32.self, UInt16.self, UInt8.self, Double.self, Float.self, Bool.self,
    ]
    if standard.contains(where: { $0 == Element.self }) { return true }
    return _isPOD(Element.self) && !(Element.self is any CustomStringConvertible.Type)
      && !(Element.self is any CustomDebugStringConvertible.Type)
      && !(Element.self is any TextOutputStreamable.Type)
      && !(Element.self is any TraceRepresentable.Type)
      && !(Element.self is any CustomReflectable.Type)
  }

  /// Writes the text kept for the collection at `value` when it is the last one rendered
  /// (copied under the lock: no reference to the kept bytes taken); false otherwise.
  func write(_ value: UnsafeRawPointer, into out: inout BoundedText) -> Bool {
    let storage = value.load(as: UInt.self)
    let limit = out.limit
    return last.withLock { entry in
      guard let entry, entry.storage == storage, entry.limit == limit else { return false }
      out.write(held: entry.held, settled: entry.settled)
      return true
    }
  }

  /// Keeps the text just rendered for the collection at `value`.
  func keep<Collection>(
    _ value: UnsafeRawPointer, as _: Collection.Type, limit: Int, held: [UInt8], settled: Bool
  ) {
    let copy = value.assumingMemoryBound(to: Collection.self).pointee
    let entry = Entry(
      storage: value.load(as: UInt.self), limit: limit, held: held, settled: settled, copy: copy)
    last.withLock { $0 = entry }
  }
}
