#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The first pass of the fast tree printer: decides whether a trace nests as one sequence
/// (each call inside the innermost open call, or a new root when none is open; each return
/// and error of the innermost open call; no losses), as `TreeTextPrinter` prints it while it
/// streams; and, for `--errors`, collects the ids of calls with an error in their subtree.
struct SequenceCheck: TraceVisitor {
  private var path = RawStack<UInt64>()
  /// Per open call: already known to have an error in its subtree.
  private var marked = RawStack<Bool>()
  private(set) var isSequence = true
  let collectErrors: Bool
  /// The ids of calls with an error in their own record or subtree, in no order.
  private(set) var errorPath: [UInt64] = []

  init(collectErrors: Bool) {
    self.collectErrors = collectErrors
  }

  func deallocate() {
    path.deallocate()
    marked.deallocate()
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    if !path.isEmpty, parent != path.base[path.count - 1] { isSequence = false }
    path.push(id)
    if collectErrors { marked.push(false) }
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if path.isEmpty || path.pop() != id { isSequence = false }
    if collectErrors, !marked.isEmpty { _ = marked.pop() }
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard !path.isEmpty, path.base[path.count - 1] == id else {
      isSequence = false
      return
    }
    guard collectErrors else { return }
    var index = path.count - 1
    while index >= 0, !marked.base[index] {
      marked.base[index] = true
      errorPath.append(path.base[index])
      index -= 1
    }
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) { isSequence = false }
}

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
