/// The open calls of every thread and task, as both the encoder and the decoder track them to
/// leave out call ids and parents that follow from nesting.
///
/// Only the stack of the current context is kept in `current`; the others wait in a dictionary
/// (empty stacks are dropped, so memory follows the number of calls open at once).
@usableFromInline
struct OpenCallStacks: Sendable {
  @usableFromInline var key = StackKey(thread: 0, task: 0)
  @usableFromInline var current: [UInt64] = []
  @usableFromInline var others: [StackKey: [UInt64]] = [:]

  @usableFromInline init() {}

  /// Makes `key`'s stack the current one.
  @inlinable
  mutating func switchTo(_ newKey: StackKey) {
    if newKey == key { return }
    if !current.isEmpty { others[key] = current }
    current = others.removeValue(forKey: newKey) ?? []
    key = newKey
  }

  /// The key of the stack (other than the current one) whose innermost call is `id`.
  func keyOfOtherStack(withTop id: UInt64) -> StackKey? {
    for (k, stack) in others where stack.last == id { return k }
    return nil
  }

  /// Number of calls open on every stack.
  var openCount: Int { others.values.reduce(current.count) { $0 + $1.count } }
}
