/// Reads the trace header: magic (8 bytes), version (u16), body length (u32), then the body.
@usableFromInline
enum HeaderCodec {
  /// Bytes before the header body.
  @usableFromInline static let fixedSize = 14

  /// The body length declared by a buffer holding at least `fixedSize` bytes.
  @usableFromInline
  static func declaredLength(_ raw: UnsafeRawBufferPointer) -> Int {
    Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 10, as: UInt32.self)))
  }

  /// True when `raw` could still be the start of a binary trace.
  static func magicMatches(_ raw: UnsafeRawBufferPointer) -> Bool {
    zip(raw, WireFormat.magic).allSatisfy { $0 == $1 }
  }

  /// Parses a complete header in `raw` (exactly fixedSize + body bytes).
  @usableFromInline
  static func parse(_ raw: UnsafeRawBufferPointer) throws(RecordFault) -> TraceHeader {
    guard let base = raw.baseAddress, raw.count >= fixedSize else {
      throw RecordFault("header ends early")
    }
    var reader = RecordReader(base: base, position: 8, end: raw.count)
    let version = try reader.littleEndian(UInt16.self)
    _ = try reader.littleEndian(UInt32.self)
    let pid = try reader.littleEndian(Int32.self)
    let wall = try reader.littleEndian(Int64.self)
    let clockByte = try reader.byte()
    guard let clock = ClockKind(rawValue: clockByte) else {
      throw RecordFault("unknown clock kind \(clockByte)")
    }
    let resolution = try reader.littleEndian(UInt32.self)
    let program = try reader.string().string
    let arguments = try reader.strings().strings
    guard reader.remaining == 0 else {
      throw RecordFault("header has \(reader.remaining) unexpected bytes at its end")
    }
    return TraceHeader(
      version: version, pid: pid, program: program, arguments: arguments, startWallNanos: wall,
      clock: clock, clockResolutionNanos: resolution)
  }
}
