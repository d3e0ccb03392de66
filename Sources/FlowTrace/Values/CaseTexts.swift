/// The texts of an enum without payloads, one per case, made by reflection when the plan is
/// made: each case's value is built with the enum's `destructiveInjectEnumTag` witness, and a
/// value's case is read with `getEnumTag`, so a render takes no lock and builds no text.
final class CaseTexts: @unchecked Sendable {
  /// UTF-8 of `String(reflecting:)` of each case, by tag.
  let texts: [[UInt8]]
  private let metadata: UnsafeRawPointer
  private let witnesses: EnumWitnesses

  /// The texts of `type`, an enum whose descriptor counts no payload cases and whose values
  /// are trivially copyable; nil for an enum of more than 4,096 cases.
  init?<T>(_ type: T.Type) {
    metadata = unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self)
    guard let descriptor = metadata.load(fromByteOffset: 8, as: UnsafeRawPointer?.self) else {
      return nil
    }
    // TargetEnumDescriptor: the payload case count (low 24 bits), then the empty case count.
    let count = Int(descriptor.load(fromByteOffset: 24, as: UInt32.self))
    guard count <= 4096 else { return nil }
    let witnesses = EnumWitnesses(metadata)
    let metadata = metadata
    texts = (0..<count).map { tag in
      withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer in
        let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.size)
        witnesses.inject(raw, UInt32(tag), metadata)
        return Array(String(reflecting: raw.load(as: T.self)).utf8)
      }
    }
    self.witnesses = witnesses
  }

  /// Writes the text of the enum value at `value` (a `T`).
  func write<T>(_ value: UnsafeRawPointer, as _: T.Type, into out: inout BoundedText) {
    let tag = Int(witnesses.tag(value, metadata))
    guard tag < texts.count else {
      return out.write(String(reflecting: value.assumingMemoryBound(to: T.self).pointee))
    }
    texts[tag].withUnsafeBufferPointer { out.write(utf8: $0) }
  }
}
