// Reading an enum's type metadata (Swift ABI, docs/ABI/TypeMetadata.rst in the Swift repo):
// its field records (case names, payload types, `indirect` flags) and its value witnesses.

/// The field records of a type context descriptor (`reflection::FieldDescriptor`).
struct FieldRecords {
  /// One record: flags, then relative pointers to the payload's mangled type name (0: none)
  /// and to the case's name.
  struct Record {
    let address: UnsafeRawPointer

    var isIndirect: Bool { address.load(as: UInt32.self) & 0x1 != 0 }
    var hasPayloadType: Bool { address.load(fromByteOffset: 4, as: Int32.self) != 0 }
    var name: String { String(cString: relative(address + 8).assumingMemoryBound(to: CChar.self)) }

    /// The payload's type, named by the runtime in the enum's generic context.
    func payloadType(in descriptor: UnsafeRawPointer, metadata: UnsafeRawPointer) -> Any.Type? {
      guard hasPayloadType else { return nil }
      let name = relative(address + 4).assumingMemoryBound(to: UInt8.self)
      let isGeneric = descriptor.load(as: UInt32.self) & 0x80 != 0
      return _getTypeByMangledNameInContext(
        name, UInt(mangledLength(name)), genericContext: descriptor,
        genericArguments: isGeneric ? metadata + 16 : nil)
    }
  }

  private let first: UnsafeRawPointer
  let count: Int

  /// The records of `descriptor`, or nil when it has none or they are not an enum's.
  init?(descriptor: UnsafeRawPointer) {
    guard descriptor.load(fromByteOffset: 16, as: Int32.self) != 0 else { return nil }
    let fields = relative(descriptor + 16)
    let kind = fields.load(fromByteOffset: 8, as: UInt16.self)
    guard kind == 2 || kind == 3, fields.load(fromByteOffset: 10, as: UInt16.self) == 12 else {
      return nil
    }
    first = fields + 16
    count = Int(fields.load(fromByteOffset: 12, as: UInt32.self))
  }

  subscript(index: Int) -> Record { Record(address: first + 12 * index) }
}

/// The enum value witnesses: which case a value is, and its payload in place.
struct EnumWitnesses {
  private typealias Tag = @convention(c) (UnsafeRawPointer, UnsafeRawPointer) -> UInt32
  private typealias Project = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer) -> Void
  private typealias Inject =
    @convention(c) (
      UnsafeMutableRawPointer, UInt32, UnsafeRawPointer
    ) -> Void

  private let getEnumTag: Tag
  private let destructiveProjectEnumData: Project
  private let destructiveInjectEnumTag: Inject

  /// The witnesses of the enum `metadata`: after the 8 functions and 4 fields (88 bytes) of
  /// every value witness table come `getEnumTag`, `destructiveProjectEnumData` and
  /// `destructiveInjectEnumTag`.
  init(_ metadata: UnsafeRawPointer) {
    let table = (metadata - 8).load(as: UnsafeRawPointer.self)
    getEnumTag = table.load(fromByteOffset: 88, as: Tag.self)
    destructiveProjectEnumData = table.load(fromByteOffset: 96, as: Project.self)
    destructiveInjectEnumTag = table.load(fromByteOffset: 104, as: Inject.self)
  }

  func tag(_ value: UnsafeRawPointer, _ metadata: UnsafeRawPointer) -> UInt32 {
    getEnumTag(value, metadata)
  }

  /// Leaves the payload of the value at `value` in place of the value (spare bits cleared).
  func project(_ value: UnsafeMutableRawPointer, _ metadata: UnsafeRawPointer) {
    destructiveProjectEnumData(value, metadata)
  }

  /// Makes the payload at `value` a value of case `tag` again.
  func inject(_ value: UnsafeMutableRawPointer, _ tag: UInt32, _ metadata: UnsafeRawPointer) {
    destructiveInjectEnumTag(value, tag, metadata)
  }
}

/// The address a 32-bit relative pointer stored at `field` points to.
private func relative(_ field: UnsafeRawPointer) -> UnsafeRawPointer {
  field + Int(field.load(as: Int32.self))
}

/// The length of a mangled name that may hold symbolic references (a byte 0x01–0x17 then a
/// 32-bit offset, 0x18–0x1F then a pointer; either may contain zero bytes).
private func mangledLength(_ name: UnsafePointer<UInt8>) -> Int {
  var length = 0
  while true {
    switch name[length] {
    case 0: return length
    case 0x01...0x17: length += 5
    case 0x18...0x1F: length += 1 + MemoryLayout<UnsafeRawPointer>.size
    default: length += 1
    }
  }
}

/// Reading an enum's descriptor.
enum EnumDescriptor {
  /// The descriptor of an enum or optional `type` (after the kind word of its metadata).
  static func of(_ type: Any.Type) -> UnsafeRawPointer? {
    unsafeBitCast(type, to: UnsafeRawPointer.self).load(
      fromByteOffset: 8, as: UnsafeRawPointer?.self)
  }

  /// The payload cases an enum's descriptor counts (`TargetEnumDescriptor`: five 32-bit words
  /// of type context, then the payload case count in the low 24 bits).
  static func payloadCaseCount(_ descriptor: UnsafeRawPointer) -> Int {
    Int(descriptor.load(fromByteOffset: 20, as: UInt32.self) & 0x00FF_FFFF)
  }

  /// True when the enum `type`'s descriptor counts no payload case.
  static func isPayloadFree(_ type: Any.Type) -> Bool {
    guard MetadataKind.of(type) == MetadataKind.enumeration, let descriptor = of(type) else {
      return false
    }
    return payloadCaseCount(descriptor) == 0
  }
}
