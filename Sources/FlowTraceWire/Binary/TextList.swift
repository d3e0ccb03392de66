/// The argument texts of one call, kept as a call record holds them: each text's length as a
/// varint, then its UTF-8 bytes, one after the other. Emptying keeps the memory, and appending
/// writes into it directly (no per-text array, no reallocation once it has grown).
public struct TextList: Sendable {
  /// The length-prefixed texts in `storage[0..<used]`; the rest is room.
  private var storage: [UInt8] = []
  private var used = 0
  /// The number of texts.
  public private(set) var count = 0

  public init() {}

  public var isEmpty: Bool { count == 0 }

  /// Appends a text given as UTF-8 bytes.
  public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
    let needed = used + varintSize(UInt64(utf8.count)) + utf8.count
    if needed > storage.count {
      storage.append(
        contentsOf: repeatElement(0, count: max(needed, 2 * storage.count, 256) - storage.count))
    }
    let start = used
    storage.withUnsafeMutableBufferPointer { room in
      var at = start
      var length = UInt64(utf8.count)
      while length >= 0x80 {
        room[at] = UInt8(truncatingIfNeeded: length) | 0x80
        length >>= 7
        at += 1
      }
      room[at] = UInt8(truncatingIfNeeded: length)
      at += 1
      if let source = utf8.baseAddress, utf8.count > 0 {
        (room.baseAddress! + at).update(from: source, count: utf8.count)
      }
    }
    used = needed
    count += 1
  }

  /// Appends a text.
  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append(utf8: $0) }
  }

  /// Empties the list, keeping its memory.
  public mutating func removeAll() {
    used = 0
    count = 0
  }

  /// Calls `body` with the texts as a call record holds them (each length-prefixed).
  /// Mutating only so that a list kept in a class is read in place, not copied for the call.
  public mutating func withEncoded<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let used = used
    return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<used])) }
  }

  /// The texts as strings.
  public var strings: [String] {
    storage.withUnsafeBufferPointer { all in
      let bytes = UnsafeBufferPointer(rebasing: all[0..<used])
      var texts: [String] = []
      var at = 0
      while at < bytes.count {
        var length = 0
        var shift = 0
        while true {
          let byte = bytes[at]
          at += 1
          length |= Int(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        texts.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + length]), as: UTF8.self))
        at += length
      }
      return texts
    }
  }
}

/// The arguments a call record can take: strings or a `TextList`.
protocol ArgumentTexts {
  var count: Int { get }
  /// Appends each text, length-prefixed.
  func appendEach(to buffer: inout [UInt8])
}

extension Array: ArgumentTexts where Element == String {
  @inline(__always)
  func appendEach(to buffer: inout [UInt8]) {
    for text in self { buffer.appendString(text) }
  }
}

extension TextList: ArgumentTexts {
  @inline(__always)
  func appendEach(to buffer: inout [UInt8]) {
    storage.withUnsafeBufferPointer { buffer.append(contentsOf: $0[0..<used]) }
  }
}
