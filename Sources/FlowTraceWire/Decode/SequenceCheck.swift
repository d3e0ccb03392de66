#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A quick look at a trace's record framing, without decoding: what it proves about how the
/// calls nest (the decoding check pass is `NestCheck`).
package enum SequenceCheck {
  package enum Nesting {
    /// One context, no losses, every parent and error id implicit: every call nests in the
    /// innermost open call (`SequenceTreePrinter`).
    case sequence
    /// Every parent and error id implicit: every call nests in the innermost open call of its
    /// own thread and task (`ContextTreePrinter`).
    case perContext
    /// Decode and check (`NestCheck`); not "does not nest".
    case unknown
  }
}

extension SequenceCheck {
  /// What the records' framing proves (tags, lengths and form bits; records are not validated
  /// here: the printing pass does that).
  package static func nesting(_ bytes: UnsafeRawBufferPointer) -> Nesting {
    guard let base = bytes.baseAddress, HeaderCodec.magicMatches(bytes),
      bytes.count >= HeaderCodec.fixedSize
    else { return .unknown }
    let count = bytes.count
    var position = HeaderCodec.fixedSize + HeaderCodec.declaredLength(bytes)
    guard position <= count else { return .unknown }
    var context: (start: Int, length: Int)?
    var contexts = 1
    var losses = false
    while position < count {
      let tag = base.load(fromByteOffset: position, as: UInt8.self)
      position += 1
      var length = 0
      var shift = 0
      while true {
        guard position < count, shift <= 28 else { return .unknown }
        let byte = base.load(fromByteOffset: position, as: UInt8.self)
        position += 1
        length |= Int(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
      guard length <= count - position else { return .unknown }
      switch tag {
      case RecordTag.call.rawValue:
        guard length > 0,
          base.load(fromByteOffset: position, as: UInt8.self) & CallForm.explicitParent == 0
        else { return .unknown }
      case RecordTag.error.rawValue:
        guard length > 0,
          base.load(fromByteOffset: position, as: UInt8.self) & ErrorForm.explicitID == 0
        else { return .unknown }
      case RecordTag.context.rawValue:
        if let context {
          if context.length != length || memcmp(base + context.start, base + position, length) != 0
          {
            contexts = 2
          }
        } else {
          context = (position, length)
        }
      case RecordTag.loss.rawValue:
        losses = true
      default:
        break
      }
      position += length
    }
    return contexts == 1 && !losses ? .sequence : .perContext
  }
}
