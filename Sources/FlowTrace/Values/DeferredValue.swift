/// A copy of a `Sendable` value kept until the collector renders it, off the program's thread.
///
/// The copy is the value at call time; a value type's copy cannot change afterwards, so its
/// text is the text it would have had then.
@usableFromInline
class DeferredValue {
  @usableFromInline init() {}

  /// Writes the value's text as a trace shows it.
  func render(into out: inout BoundedText) {}
}

/// The typed box of a `DeferredValue`.
@usableFromInline
final class DeferredBox<T>: DeferredValue {
  @usableFromInline let value: T

  @inlinable init(_ value: T) {
    self.value = value
    super.init()
  }

  override func render(into out: inout BoundedText) {
    ValueRender.write(value, into: &out)
  }
}

/// A text rendered already (and cut), too long for the chunk's value bytes.
final class DeferredText: DeferredValue {
  let text: String

  init(_ utf8: UnsafeBufferPointer<UInt8>) {
    text = String(decoding: utf8, as: UTF8.self)
    super.init()
  }

  override func render(into out: inout BoundedText) {
    out.writeWhole(text)
  }
}

/// Which values may render later: decided from the type's runtime metadata kind.
@usableFromInline
enum Deferral {
  /// True for structs, enums, optionals and tuples (value types); false for classes,
  /// existentials (`any P`, whose dynamic type may be a class), functions and metatypes.
  @inlinable @inline(__always)
  static func allowed<T>(_ type: T.Type) -> Bool {
    let metadata = unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self)
    let kind = metadata.load(as: UInt.self)
    // MetadataKind: struct 0x200, enum 0x201, optional 0x202, tuple 0x301.
    return kind == 0x200 || kind == 0x201 || kind == 0x202 || kind == 0x301
  }
}
