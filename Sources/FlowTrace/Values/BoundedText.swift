/// A text stream that stops taking text once the cut it will get is known: it never holds
/// much more than the limit, so writing a long value costs about its limit, not its length.
///
/// `text` is exactly `ValueRender.cut(whole, to: limit)` of everything written: the stream
/// stops only when it holds at least `limit + 1` characters, and text that comes later can
/// change only the last character held (grapheme breaks look back, never ahead of the next
/// scalar), never the first `limit - 1` that the cut keeps.
struct BoundedText: TextOutputStream {
  let limit: Int
  private(set) var held = ""
  /// True once later text cannot change the result.
  private(set) var isFull = false
  /// The byte count from which the characters are counted again.
  private var nextCheck: Int

  init(limit: Int) {
    self.limit = max(1, limit)
    nextCheck = self.limit + 1
  }

  mutating func write(_ string: String) {
    guard !isFull else { return }
    if string.utf8.count > 4 * limit + 64 {
      // A long piece: its first limit + 2 characters settle the result.
      let head = string.prefix(limit + 2)
      if head.count == limit + 2 {
        held += head
        isFull = true
        return
      }
    }
    held += string
    guard held.utf8.count >= nextCheck else { return }
    // At least limit + 1 characters held?
    var characters = 0
    for _ in held {
      characters += 1
      if characters > limit {
        isFull = true
        return
      }
    }
    nextCheck = held.utf8.count + max(16, limit / 4)
  }

  /// Writes a piece that alone holds more than `limit` characters: what follows cannot
  /// change the result, so the stream stops taking text.
  mutating func writeSettling(_ string: String) {
    guard !isFull else { return }
    held += string
    isFull = true
  }

  /// Writes what another stream of the same limit held (`settled`: it was full).
  mutating func write(_ held: String, settled: Bool) {
    if settled { writeSettling(held) } else { write(held) }
  }

  /// The text written so far, cut to the limit.
  var text: String { ValueRender.cut(held, to: limit) }
}
