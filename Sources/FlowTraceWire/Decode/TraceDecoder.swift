/// Decodes the binary trace format: the one decoder behind every reader.
///
/// Incremental: `feed(_:into:)` takes bytes as they arrive (records may be split anywhere) and
/// `finish()` says the input ended. For a whole buffer (a memory-mapped file) use
/// `decode(_:into:)`, which reads in place. Every length and reference is validated; on bad
/// input the decoder stops with a `TraceFormatError` naming the byte offset of the bad record,
/// after delivering every record before it, and refuses further input.
public struct TraceDecoder {
  /// Where the bytes come from (file name or connection), for error messages.
  public let source: String
  /// The header, once decoded.
  public internal(set) var header: TraceHeader?
  /// Offset of the first byte not yet decoded (the end of the last complete record).
  public var offset: Int { decodedOffset }
  /// True after the end-of-stream record.
  public var isEnded: Bool { ended }
  /// The exit status the program's end record carried (what it passed to `exit`, 0–255); nil
  /// without an end record or when the end record has none.
  public var exitStatus: Int32? { endStatus }
  @usableFromInline var endStatus: Int32?
  @usableFromInline var decodedOffset = 0
  @usableFromInline var ended = false
  /// The error that stopped the decoder, if any.
  public internal(set) var failure: TraceFormatError?
  @usableFromInline var pending: [UInt8] = []
  @usableFromInline var state = DecoderState()

  public init(source: String = "<trace>") { self.source = source }

  /// Number of bytes received but not decoded yet (the start of an incomplete record).
  public var pendingByteCount: Int { pending.count }

  /// Decodes as many complete records of `bytes` as there are, keeping an incomplete tail for
  /// the next call.
  @inlinable
  public mutating func feed<V: TraceVisitor>(
    _ bytes: UnsafeRawBufferPointer, into visitor: inout V
  ) throws(TraceFormatError) {
    if let failure { throw failure }
    var input = bytes
    // Complete a record left over from an earlier call first, copying only what it needs.
    while !pending.isEmpty && !input.isEmpty {
      let wanted = neededForPending()
      let take = min(wanted, input.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<take]))
      input = UnsafeRawBufferPointer(rebasing: input[take...])
      let used = try pending.withBytes { (raw) throws(TraceFormatError) -> Int in
        try decodeRecords(raw, into: &visitor)
      }
      pending.removeFirst(used)
    }
    guard !input.isEmpty else { return }
    let used = try decodeRecords(input, into: &visitor)
    pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[used...]))
  }

  /// Feeds a byte array.
  @inlinable
  public mutating func feed<V: TraceVisitor>(
    _ bytes: [UInt8], into visitor: inout V
  ) throws(TraceFormatError) {
    try bytes.withBytes { (raw) throws(TraceFormatError) in try feed(raw, into: &visitor) }
  }

  /// Says the input ended: an incomplete record left over is an error (a stream that simply
  /// stops after a complete record, as a killed program's file does, is not).
  public mutating func finish() throws(TraceFormatError) {
    if let failure { throw failure }
    if header == nil {
      throw fail(at: offset, "not a complete FlowTrace header (\(pending.count) bytes)")
    }
    if !pending.isEmpty {
      throw fail(at: offset, "truncated record: the input ends \(pending.count) bytes into it")
    }
  }

  /// Decodes a whole buffer in place: `feed` then `finish`.
  @inlinable
  public mutating func decode<V: TraceVisitor>(
    _ bytes: UnsafeRawBufferPointer, into visitor: inout V
  ) throws(TraceFormatError) {
    try feed(bytes, into: &visitor)
    try finish()
  }

  /// Records `message` at `offset` as the failure that stops this decoder.
  @usableFromInline
  mutating func fail(at offset: Int, _ message: String) -> TraceFormatError {
    let error = TraceFormatError(source: source, offset: offset, message: message)
    failure = error
    return error
  }

  /// How many more bytes the pending record needs (or a guess when its length is not known).
  @usableFromInline
  func neededForPending() -> Int {
    if header == nil {
      guard pending.count >= HeaderCodec.fixedSize else {
        return HeaderCodec.fixedSize - pending.count
      }
      let length = pending.withUnsafeBytes { HeaderCodec.declaredLength($0) }
      return max(1, HeaderCodec.fixedSize + length - pending.count)
    }
    var length = 0
    var shift = 0
    var index = 1
    while index < pending.count {
      let byte = pending[index]
      length |= Int(byte & 0x7F) << shift
      index += 1
      if byte < 0x80 { return max(1, index + length - pending.count) }
      shift += 7
      if shift > 56 { return 1 }
    }
    return 1
  }
}
