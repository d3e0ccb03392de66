import CFlowTraceRuntime

/// The text of the collections of one type rendered last, kept with the collections
/// themselves: per thread (`MemoTable`, in the thread's recorder state), so that the program's
/// thread and the writer each read their own without a lock or a shared cache line; a thread
/// that records nothing shares one entry under a lock.
///
/// An array or dictionary is one reference to its storage. While a memo holds a copy, that
/// storage is not uniquely referenced, so nobody can change it in place (a change copies it
/// first): a value with the same storage reference has the same elements, and — when the
/// elements' texts depend on nothing but their bits (`keepsText(of:)`) — the same text. So
/// the same dictionary passed to many calls is rendered once per thread.
///
/// (The recording thread does not look here before keeping a copy: rendering a kept text now
/// cost it ~110 ns a collection, where a copy costs ~25.)
final class TextMemo: @unchecked Sendable {
  private let shared = Locked<MemoSlot>(MemoSlot())

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

  /// Writes the text kept for the collection at `value` when it is the last one of this memo
  /// rendered on this thread; false otherwise.
  func write(_ value: UnsafeRawPointer, into out: inout BoundedText) -> Bool {
    let storage = value.load(as: UInt.self)
    let limit = out.limit
    guard let table = MemoTable.ofThisThread(creating: false) else {
      return shared.withLock { $0.write(self, storage: storage, limit: limit, into: &out) }
    }
    return table.slot(for: self).write(self, storage: storage, limit: limit, into: &out)
  }

  /// Keeps the text just rendered for the collection at `value`.
  func keep<Collection>(
    _ value: UnsafeRawPointer, as _: Collection.Type, limit: Int, held: [UInt8], settled: Bool
  ) {
    let copy = value.assumingMemoryBound(to: Collection.self).pointee
    let storage = value.load(as: UInt.self)
    guard let table = MemoTable.ofThisThread(creating: true) else {
      return shared.withLock {
        $0.keep(self, storage: storage, limit: limit, held: held, settled: settled, copy: copy)
      }
    }
    table.slot(for: self).keep(
      self, storage: storage, limit: limit, held: held, settled: settled, copy: copy)
  }
}

/// One kept text: whose memo, which storage, at which limit.
final class MemoSlot {
  private var memo: ObjectIdentifier?
  private var storage: UInt = 0
  private var limit = 0
  private var held: [UInt8] = []
  private var settled = false
  /// The copy that keeps the storage alive and shared (an array or dictionary: one word,
  /// held in the existential without a box).
  private var copy: Any?

  func write(_ memo: TextMemo, storage: UInt, limit: Int, into out: inout BoundedText) -> Bool {
    guard self.memo == ObjectIdentifier(memo), self.storage == storage, self.limit == limit
    else { return false }
    out.write(held: held, settled: settled)
    return true
  }

  func keep(
    _ memo: TextMemo, storage: UInt, limit: Int, held: [UInt8], settled: Bool, copy: Any
  ) {
    self.memo = ObjectIdentifier(memo)
    self.storage = storage
    self.limit = limit
    self.held = held
    self.settled = settled
    self.copy = copy
  }
}

/// A thread's kept texts: a few slots, picked by the memo's address.
final class MemoTable {
  private let slots = (0..<8).map { _ in MemoSlot() }

  func slot(for memo: TextMemo) -> MemoSlot {
    slots[Int(bitPattern: UInt(bitPattern: ObjectIdentifier(memo).hashValue) >> 4) & 7]
  }

  /// The table of the calling thread's recorder (made when `creating`); nil on a thread that
  /// has none.
  static func ofThisThread(creating: Bool) -> MemoTable? {
    guard let state = ft_get_thread_state() else { return nil }
    let hot = state.assumingMemoryBound(to: HotState.self)
    if let table = hot.pointee.memos { return table }
    guard creating else { return nil }
    let table = MemoTable()
    hot.pointee.memos = table
    return table
  }
}
