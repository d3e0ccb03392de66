#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A quick look at a trace's record framing (the fast tree printer's check pass is `NestCheck`).
enum SequenceCheck {}

extension SequenceCheck {
  /// A quick look at the records' framing, without decoding them: true when the trace is
  /// certainly a sequence (one context, no losses, every parent and error id implicit, so every
  /// call nests in the innermost open call). False means "decode and check" (`SequenceCheck`),
  /// not "not a sequence". Records are not validated here: the printing pass does that.
  static func framingProvesSequence(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, HeaderCodec.magicMatches(bytes),
      bytes.count >= HeaderCodec.fixedSize
    else { return false }
    let count = bytes.count
    var position = HeaderCodec.fixedSize + HeaderCodec.declaredLength(bytes)
    guard position <= count else { return false }
    var context: (start: Int, length: Int)?
    while position < count {
      let tag = base.load(fromByteOffset: position, as: UInt8.self)
      position += 1
      var length = 0
      var shift = 0
      while true {
        guard position < count, shift <= 28 else { return false }
        let byte = base.load(fromByteOffset: position, as: UInt8.self)
        position += 1
        length |= Int(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
      guard length <= count - position else { return false }
      switch tag {
      case RecordTag.call.rawValue:
        guard length > 0,
          base.load(fromByteOffset: position, as: UInt8.self) & CallForm.explicitParent == 0
        else { return false }
      case RecordTag.error.rawValue:
        guard length > 0,
          base.load(fromByteOffset: position, as: UInt8.self) & ErrorForm.explicitID == 0
        else { return false }
      case RecordTag.context.rawValue:
        if let context {
          guard context.length == length,
            memcmp(base + context.start, base + position, length) == 0
          else { return false }
        } else {
          context = (position, length)
        }
      case RecordTag.loss.rawValue:
        return false
      default:
        break
      }
      position += length
    }
    return true
  }
}
