/// The kind word at the start of a type's metadata (Swift ABI, `MetadataKind` in
/// `include/swift/ABI/MetadataKind.def`): what sort of type it is, read without a cast. A class's
/// metadata starts with its isa pointer instead, which is none of these.
enum MetadataKind {
  static let structure: UInt = 0x200
  static let enumeration: UInt = 0x201
  static let optional: UInt = 0x202
  static let tuple: UInt = 0x301
  static let existential: UInt = 0x303
  static let extendedExistential: UInt = 0x307

  /// The kind of `type`.
  @inline(__always)
  static func of(_ type: Any.Type) -> UInt {
    unsafeBitCast(type, to: UnsafeRawPointer.self).load(as: UInt.self)
  }
}
