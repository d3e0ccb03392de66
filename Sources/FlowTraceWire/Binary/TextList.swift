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
    storage.withUnsafeMutableBytes { room in
      let at = storeVarint(UInt64(utf8.count), at: room.baseAddress! + start)
      if let source = utf8.baseAddress, utf8.count > 0 {
        at.copyMemory(from: source, byteCount: utf8.count)
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
    storage.withUnsafeBytes { all in
      guard let base = all.baseAddress else { return [] }
      var reader = RecordReader(base: base, position: 0, end: used)
      var texts: [String] = []
      // (Bytes written by `append`: the reads cannot fail.)
      while reader.remaining > 0, let length = try? Int(reader.varint()) {
        let text = UnsafeRawBufferPointer(start: reader.base + reader.position, count: length)
        texts.append(String(decoding: text, as: UTF8.self))
        reader.position += length
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
