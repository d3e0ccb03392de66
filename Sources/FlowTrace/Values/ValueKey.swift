@_spi(Reflection) import Swift

/// A value's contents as bytes, for finding its text again (`ValueTexts`): two values of one
/// type with the same key are equal, field by field, so a text that depends on the value alone
/// is the same for both.
///
/// A type has a key when it is made of the standard scalars, `String`s, arrays of trivially
/// copyable scalar structs, and structs of those: `KeyProgram.make` reads it once per type.
/// Pointers, class references, existentials, enums with payloads and dictionaries give no
/// key (what they point at, or their order, is not in their bytes).
struct ValueKey {
  /// The longest key kept: a longer value is rendered every time.
  static let capacity = 256

  let bytes = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
  private(set) var count = 0
  /// False once a piece did not fit (or a string was not contiguous).
  private(set) var fits = true

  mutating func restart() {
    count = 0
    fits = true
  }

  mutating func append(_ source: UnsafeRawPointer, count length: Int) {
    guard fits, count &+ length <= Self.capacity else {
      fits = false
      return
    }
    (bytes + count).copyMemory(from: source, byteCount: length)
    count &+= length
  }

  mutating func append(length: Int) {
    withUnsafeBytes(of: length) { append($0.baseAddress!, count: 8) }
  }

  /// Appends the length and UTF-8 of the string at `string` (read in place, not copied).
  mutating func append(_ string: UnsafePointer<String>) {
    let done: Void? = string.pointee.utf8.withContiguousStorageIfAvailable { utf8 in
      append(length: utf8.count)
      if let base = utf8.baseAddress { append(base, count: utf8.count) }
    }
    if done == nil { fits = false }
  }
}

/// How to read the key of one type's values: byte ranges, strings and arrays at offsets.
struct KeyProgram {
  enum Step {
    case bytes(offset: Int, count: Int)
    case string(offset: Int)
    /// An array of trivially copyable scalars: its count, then its elements' bytes.
    case elements(offset: Int, (UnsafeRawPointer, inout ValueKey) -> Void)
  }

  let steps: [Step]
  /// The key's length when it is the value's own bytes (a trivially copyable value of
  /// scalars): read in place, with no copy.
  let wholeSize: Int?

  init(steps: [Step]) {
    self.steps = steps
    if steps.count == 1, case .bytes(0, let count) = steps[0] {
      wholeSize = count
    } else {
      wholeSize = nil
    }
  }

  /// Writes the key of the value at `value`; false when it does not fit.
  func write(_ value: UnsafeRawPointer, into key: inout ValueKey) -> Bool {
    key.restart()
    for step in steps {
      switch step {
      case .bytes(let offset, let count): key.append(value + offset, count: count)
      case .string(let offset):
        key.append((value + offset).assumingMemoryBound(to: String.self))
      case .elements(let offset, let write): write(value + offset, &key)
      }
      if !key.fits { return false }
    }
    return true
  }

  /// The program of `type`, or nil when its values have no key.
  static func make(_ type: Any.Type) -> KeyProgram? {
    var steps: [Step] = []
    guard append(type, at: 0, depth: 0, to: &steps) else { return nil }
    return KeyProgram(steps: steps)
  }

  /// Nesting read before giving up.
  private static let maxDepth = 6

  private static let scalars: [Any.Type] = [
    Int.self, Int64.self, Int32.self, Int16.self, Int8.self, UInt.self, UInt64.self,
    UInt32.self, UInt16.self, UInt8.self, Double.self, Float.self, Bool.self,
    Unicode.Scalar.self,
  ]

  private static func append(
    _ type: Any.Type, at offset: Int, depth: Int, to steps: inout [Step]
  ) -> Bool {
    guard depth <= maxDepth else { return false }
    if let size = scalarSize(type, depth: depth) {
      if case .bytes(let start, let count) = steps.last, start + count == offset {
        steps[steps.count - 1] = .bytes(offset: start, count: count + size)
      } else {
        steps.append(.bytes(offset: offset, count: size))
      }
      return true
    }
    if type == String.self {
      steps.append(.string(offset: offset))
      return true
    }
    if let array = type as? any ArrayValue.Type {
      guard let write = elementsWriter(array) else { return false }
      steps.append(.elements(offset: offset, write))
      return true
    }
    guard MetadataKind.of(type) == MetadataKind.structure else { return false }
    var readable = true
    let complete = _forEachField(of: type) { _, fieldOffset, field, _ in
      readable = append(field, at: offset + fieldOffset, depth: depth + 1, to: &steps)
      return readable
    }
    return complete && readable
  }

  /// The size of a type whose bytes are its value: a standard scalar, an enum without
  /// payloads, or a struct of those.
  private static func scalarSize(_ type: Any.Type, depth: Int) -> Int? {
    func size<T>(_: T.Type) -> Int? { _isPOD(T.self) ? MemoryLayout<T>.size : nil }
    guard depth <= maxDepth, let size = _openExistential(type, do: size) else { return nil }
    if scalars.contains(where: { $0 == type }) { return size }
    switch MetadataKind.of(type) {
    case MetadataKind.enumeration: return EnumDescriptor.isPayloadFree(type) ? size : nil
    case MetadataKind.structure:
      var all = true
      let complete = _forEachField(of: type) { _, _, field, _ in
        all = scalarSize(field, depth: depth + 1) != nil
        return all
      }
      return complete && all ? size : nil
    default: return nil
    }
  }

  private static func elementsWriter<A: ArrayValue>(
    _: A.Type
  ) -> ((UnsafeRawPointer, inout ValueKey) -> Void)? {
    guard scalarSize(A.Element.self, depth: 1) != nil else { return nil }
    return { value, key in
      value.assumingMemoryBound(to: [A.Element].self).pointee.withUnsafeBytes { bytes in
        key.append(length: bytes.count)
        if let base = bytes.baseAddress { key.append(base, count: bytes.count) }
      }
    }
  }
}
