/// A UTF-8 text stream that stops taking text once the cut it will get is known: it never
/// holds much more than the limit, so writing a long value costs about its limit, not its
/// length.
///
/// `text` is exactly `ValueRender.cut(whole, to: limit)` of everything written: the stream
/// stops only when it holds at least `limit + 1` characters, and text that comes later can
/// change only the last character held (grapheme breaks look back, never ahead of the next
/// scalar), never the first `limit - 1` that the cut keeps.
///
/// Text is kept as bytes in a `ByteStore`, so rendering a value builds no `String`; while every
/// byte is ASCII other than a carriage return (`plain`), a byte is a character and nothing is
/// counted. A copy of a stream shares its store: write through one copy only.
struct BoundedText: TextOutputStream {
  private(set) var limit: Int
  /// The store written, lent by the caller, who keeps it alive for the stream's life: the
  /// stream is plain data (no reference counting when made or copied).
  private unowned(unsafe) var store: ByteStore
  /// Bytes written.
  private(set) var count = 0
  /// True once later text cannot change the result.
  private(set) var isFull = false
  /// True while every byte is ASCII and none is `\r` (which joins a following `\n`).
  private(set) var plain = true
  /// The byte count from which the characters are counted again (text that is not plain).
  private var nextCheck: Int
  /// True when the text was written whole, already cut (`writeWhole`): no cut applies.
  private var whole = false

  /// A stream writing from the start of `store`, which the caller keeps alive while the
  /// stream is used (a caller that lends the same store to each stream allocates nothing once
  /// it has grown).
  init(limit: Int, store: ByteStore) {
    self.limit = max(1, limit)
    self.store = store
    nextCheck = self.limit + 1
  }

  /// Empties the stream to write from the start of `store` (as `init(limit:store:)` does),
  /// with no copy of the stream made.
  mutating func restart(limit: Int, store: ByteStore) {
    self.limit = max(1, limit)
    self.store = store
    count = 0
    isFull = false
    plain = true
    whole = false
    nextCheck = self.limit + 1
  }

  /// Calls `body` with a stream writing into a store made for it.
  static func withStream<R>(limit: Int, _ body: (inout BoundedText) -> R) -> R {
    let store = ByteStore()
    return withExtendedLifetime(store) {
      var out = BoundedText(limit: limit, store: store)
      return body(&out)
    }
  }

  /// The bytes written (valid until the store is written again).
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: store.base, count: count) }

  mutating func write(_ string: String) {
    guard !isFull else { return }
    var string = string
    if string.utf8.count > 4 * limit + 64 {
      // A long piece: its first limit + 2 characters settle the result.
      let head = string.prefix(limit + 2)
      if head.count == limit + 2 {
        return writeSettling(String(head))
      }
    }
    string.withUTF8 { append($0) }
  }

  /// Writes text made and cut earlier (on the program's thread), which no cut changes.
  mutating func writeWhole(_ string: String) {
    var string = string
    string.withUTF8 { copy($0) }
    whole = true
    isFull = true
  }

  /// Writes UTF-8 made and cut earlier, which no cut changes.
  mutating func writeWhole(utf8 piece: UnsafeBufferPointer<UInt8>) {
    copy(piece)
    whole = true
    isFull = true
  }

  /// Writes ASCII text known at compile time (punctuation), with no carriage return.
  mutating func write(ascii text: StaticString) {
    guard !isFull else { return }
    appendASCII(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Writes bytes known to be ASCII without a carriage return.
  mutating func write(asciiBytes piece: UnsafeBufferPointer<UInt8>) {
    guard !isFull else { return }
    appendASCII(piece)
  }

  /// Writes bytes that hold whole characters (UTF-8 of a text made earlier).
  mutating func write(utf8 piece: UnsafeBufferPointer<UInt8>) {
    guard !isFull else { return }
    append(piece)
  }

  /// Writes an integer in decimal, as `String(describing:)` does.
  mutating func write(signed value: Int64) {
    write(magnitude: value.magnitude, negative: value < 0)
  }

  /// Writes an unsigned integer in decimal.
  mutating func write(unsigned value: UInt64) {
    write(magnitude: value, negative: false)
  }

  private mutating func write(magnitude: UInt64, negative: Bool) {
    guard !isFull else { return }
    // 20 digits and a sign, filled from the end.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { raw in
      var rest = magnitude
      var start = 24
      repeat {
        start &-= 1
        raw[start] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest != 0
      if negative {
        start &-= 1
        raw[start] = UInt8(ascii: "-")
      }
      let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
      appendASCII(UnsafeBufferPointer(start: base + start, count: 24 - start))
    }
  }

  /// Writes a `Double` as `description` does; a value that is a multiple of 1/16 below
  /// 2^32 (exact in at most four decimals, so its shortest form) is written without one.
  mutating func write(double value: Double) {
    guard !isFull else { return }
    let sixteenths = value * 16
    guard value.magnitude < 4_294_967_296, sixteenths == sixteenths.rounded(.towardZero),
      value != 0 || value.sign == .plus
    else { return write(value.description) }
    let whole = Int64(value)
    if value < 0, whole == 0 { write(ascii: "-") }
    write(signed: whole)
    write(ascii: ".")
    let fraction = Int(Int64(sixteenths.magnitude) & 15) * 625
    // fraction / 16 in four decimals (0.0625 steps), trailing zeros dropped but one.
    var decimals: (UInt8, UInt8, UInt8, UInt8) = (
      0x30 &+ UInt8(fraction / 1000), 0x30 &+ UInt8(fraction / 100 % 10),
      0x30 &+ UInt8(fraction / 10 % 10), 0x30 &+ UInt8(fraction % 10)
    )
    withUnsafeBytes(of: &decimals) { raw in
      var count = 4
      while count > 1, raw[count - 1] == 0x30 { count -= 1 }
      appendASCII(
        UnsafeBufferPointer(
          start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
    }
  }

  /// Writes a piece that alone holds more than `limit` characters: what follows cannot
  /// change the result, so the stream stops taking text.
  mutating func writeSettling(_ string: String) {
    guard !isFull else { return }
    var string = string
    string.withUTF8 { piece in
      copy(piece)
      if plain { plain = Self.isPlain(piece) }
    }
    isFull = true
  }

  /// Writes what another stream of the same limit held (`settled`: it was full).
  mutating func write(held: [UInt8], settled: Bool) {
    guard !isFull else { return }
    held.withUnsafeBufferPointer { append($0) }
    if settled { isFull = true }
  }

  private mutating func copy(_ piece: UnsafeBufferPointer<UInt8>) {
    guard let source = piece.baseAddress, !piece.isEmpty else { return }
    if count &+ piece.count > store.capacity { store.grow(to: count &+ piece.count) }
    (store.base + count).update(from: source, count: piece.count)
    count &+= piece.count
  }

  /// Appends ASCII without a carriage return (digits, punctuation): no byte to look at.
  private mutating func appendASCII(_ piece: UnsafeBufferPointer<UInt8>) {
    guard plain else { return append(piece) }
    copy(piece)
    if count > limit { isFull = true }
  }

  private mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
    copy(piece)
    if plain, Self.isPlain(piece) {
      if count > limit { isFull = true }
      return
    }
    plain = false
    guard count >= nextCheck else { return }
    // At least limit + 1 characters held?
    var characters = 0
    for _ in String(decoding: bytes, as: UTF8.self) {
      characters += 1
      if characters > limit {
        isFull = true
        return
      }
    }
    nextCheck = count + max(16, limit / 4)
  }

  /// True when every byte is ASCII and none is a carriage return (eight bytes at a time).
  private static func isPlain(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = piece.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let count = piece.count
    var index = 0
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while index &+ 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // A zero byte in `word ^ 0x0D…` is a carriage return.
      let returns = word ^ (ones &* 13)
      if (word | ((returns &- ones) & ~returns)) & highs != 0 { return false }
      index &+= 8
    }
    while index < count {
      let byte = base[index]
      if byte >= 0x80 || byte == 13 { return false }
      index &+= 1
    }
    return true
  }

  /// The text written so far, cut to the limit.
  var text: String {
    if whole { return String(decoding: bytes, as: UTF8.self) }
    if plain {
      guard count > limit else { return String(decoding: bytes, as: UTF8.self) }
      return String(decoding: bytes[..<(limit - 1)], as: UTF8.self) + "…"
    }
    return ValueRender.cut(String(decoding: bytes, as: UTF8.self), to: limit)
  }

  /// Calls `body` with the UTF-8 bytes of `text`, without making a `String` when the text is
  /// plain.
  func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if whole { return body(bytes) }
    guard plain else {
      var whole = text
      return whole.withUTF8(body)
    }
    guard count > limit else { return body(bytes) }
    var cut = Array(bytes[..<(limit - 1)])
    cut.append(contentsOf: [0xE2, 0x80, 0xA6])  // "…"
    return cut.withUnsafeBufferPointer(body)
  }
}
