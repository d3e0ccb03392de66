/// One 16-byte record of a uftrace `<tid>.dat` file (`struct uftrace_record`): the time in ns,
/// then a word of bit fields, type:2 more:1 magic:3 depth:10 addr:48, little-endian.
struct UftraceRecord: Equatable {
  enum Kind: UInt8 {
    case entry = 0
    case exit = 1
    case event = 2
    case lost = 3
  }

  var time: UInt64
  var kind: Kind
  /// Whether argument, return value or event data follows the record.
  var more: Bool
  var magic: UInt8
  var depth: Int
  var address: UInt64

  static let size = 16
  /// The `magic` every valid record carries (0b101).
  static let validMagic: UInt8 = 5

  init(time: UInt64, bits: UInt64) {
    self.time = time
    kind = Kind(rawValue: UInt8(bits & 3)) ?? .lost
    more = bits >> 2 & 1 == 1
    magic = UInt8(bits >> 3 & 7)
    depth = Int(bits >> 6 & 0x3ff)
    address = bits >> 16
  }

  /// The record at `offset` of `bytes` (which holds at least 16 bytes there).
  init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
    self.init(
      time: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
      bits: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
  }

  /// The bit-field word of a record (hand-built test data).
  static func bits(
    _ kind: Kind, more: Bool = false, magic: UInt8 = validMagic, depth: Int, address: UInt64
  )
    -> UInt64
  {
    UInt64(kind.rawValue) | (more ? 4 : 0) | UInt64(magic & 7) << 3 | UInt64(depth & 0x3ff) << 6
      | address << 16
  }
}
