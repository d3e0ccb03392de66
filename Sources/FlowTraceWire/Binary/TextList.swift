/// Texts kept back to back as UTF-8 (a call's arguments while they are collected), so that
/// collecting them allocates nothing once the storage has grown.
public struct TextList: Sendable {
  /// Every text's bytes, one after the other.
  public private(set) var bytes: [UInt8] = []
  /// Where each text ends in `bytes`.
  public private(set) var ends: [Int] = []

  public init() {}

  /// The number of texts.
  public var count: Int { ends.count }
  public var isEmpty: Bool { ends.isEmpty }

  /// Appends a text given as UTF-8 bytes.
  public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: utf8)
    ends.append(bytes.count)
  }

  /// Appends a text.
  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append(utf8: $0) }
  }

  /// Empties the list, keeping its memory.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }

  /// The texts as strings.
  public var strings: [String] {
    var start = 0
    return ends.map { end in
      defer { start = end }
      return String(decoding: bytes[start..<end], as: UTF8.self)
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
    bytes.withUnsafeBufferPointer { all in
      var start = 0
      for end in ends {
        buffer.appendString(utf8: UnsafeBufferPointer(rebasing: all[start..<end]))
        start = end
      }
    }
  }
}
