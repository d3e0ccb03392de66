extension TraceDecoder {
  /// Decodes the complete records at the start of `raw` (whose first byte is at `offset`);
  /// returns how many bytes they took.
  @inlinable
  mutating func decodeRecords<V: TraceVisitor>(
    _ raw: UnsafeRawBufferPointer, into visitor: inout V
  ) throws(TraceFormatError) -> Int {
    guard let base = raw.baseAddress else { return 0 }
    let count = raw.count
    var position = 0
    if header == nil {
      guard let used = try decodeHeader(raw, into: &visitor) else { return 0 }
      position = used
    }
    while position < count {
      let recordStart = position
      let tag = base.load(fromByteOffset: position, as: UInt8.self)
      position += 1
      // The payload length: a varint, almost always one byte.
      var length = 0
      var shift = 0
      while true {
        guard position < count else { return recordStart }
        let byte = base.load(fromByteOffset: position, as: UInt8.self)
        position += 1
        length |= Int(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
        if shift > 28 { break }
      }
      guard shift <= 28, length <= WireFormat.maxRecordPayload else {
        throw fail(at: offset, "record declares an absurd length (over 64 MiB)")
      }
      guard count - position >= length else { return recordStart }
      let end = position + length
      do throws(RecordFault) {
        var reader = RecordReader(base: base, position: position, end: end)
        try decodeRecord(tag: tag, &reader, into: &visitor)
      } catch {
        throw fail(at: offset, "\(TraceDecoder.recordName(tag)): \(error.message)")
      }
      position = end
      decodedOffset += end - recordStart
    }
    return position
  }

  /// Decodes the header if `raw` holds all of it; returns the bytes it took, or nil if more
  /// are needed.
  @usableFromInline
  mutating func decodeHeader<V: TraceVisitor>(
    _ raw: UnsafeRawBufferPointer, into visitor: inout V
  ) throws(TraceFormatError) -> Int? {
    guard HeaderCodec.magicMatches(raw) else {
      throw fail(at: 0, "not a FlowTrace binary trace (bad magic)")
    }
    guard raw.count >= HeaderCodec.fixedSize else { return nil }
    let version = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    guard version == TraceHeader.currentVersion else {
      throw fail(
        at: 8,
        "unsupported format version \(version) (this reader reads \(TraceHeader.currentVersion))")
    }
    let length = HeaderCodec.declaredLength(raw)
    guard length <= WireFormat.maxHeaderLength else {
      throw fail(at: 10, "header declares an absurd length (\(length) bytes)")
    }
    let total = HeaderCodec.fixedSize + length
    guard raw.count >= total else { return nil }
    do throws(RecordFault) {
      let parsed = try HeaderCodec.parse(UnsafeRawBufferPointer(rebasing: raw[..<total]))
      header = parsed
      decodedOffset = total
      visitor.visitHeader(parsed)
      return total
    } catch {
      throw fail(at: 0, "header: \(error.message)")
    }
  }

  /// Decodes one record's payload and hands it to the visitor.
  @inlinable @inline(__always)
  mutating func decodeRecord<V: TraceVisitor>(
    tag: UInt8, _ reader: inout RecordReader, into visitor: inout V
  ) throws(RecordFault) {
    if ended { throw RecordFault("record after the end of the stream") }
    switch tag {
    case RecordTag.call.rawValue: try decodeCall(&reader, into: &visitor)
    case RecordTag.return.rawValue: try decodeReturn(&reader, into: &visitor)
    case RecordTag.context.rawValue: try decodeContext(&reader)
    case RecordTag.callSite.rawValue: try decodeCallSite(&reader, into: &visitor)
    case RecordTag.thread.rawValue: try decodeThread(&reader, into: &visitor)
    case RecordTag.task.rawValue: try decodeTask(&reader, into: &visitor)
    case RecordTag.error.rawValue: try decodeError(&reader, into: &visitor)
    case RecordTag.loss.rawValue: try decodeLoss(&reader, into: &visitor)
    case RecordTag.end.rawValue:
      if reader.remaining > 0 {
        let status = try reader.varint()
        guard status <= 255 else { throw RecordFault("exit status \(status) is over 255") }
        endStatus = Int32(status)
      }
      try reader.expectEnd()
      ended = true
      visitor.visitEnd()
    default: throw RecordFault("unknown record type")
    }
  }

  /// A record's name for error messages.
  @usableFromInline
  static func recordName(_ tag: UInt8) -> String {
    switch RecordTag(rawValue: tag) {
    case .callSite: "call-site record"
    case .thread: "thread record"
    case .task: "task record"
    case .context: "context record"
    case .call: "call record"
    case .return: "return record"
    case .error: "error record"
    case .loss: "loss record"
    case .end: "end record"
    case nil: "record type 0x\(String(tag, radix: 16))"
    }
  }
}
