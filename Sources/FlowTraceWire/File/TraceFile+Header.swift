extension TraceFile {
  /// Reads only the header (the first line of a JSON Lines file).
  public func readHeader() throws(TraceFormatError) -> TraceHeader {
    switch format {
    case .binary:
      var decoder = TraceDecoder(source: path)
      var visitor = HeaderVisitor()
      let fixed = min(bytes.count, 14)
      try decoder.feed(UnsafeRawBufferPointer(rebasing: bytes[..<fixed]), into: &visitor)
      if visitor.header == nil, fixed == 14 {
        let length = HeaderCodec.declaredLength(bytes)
        let end = min(bytes.count, 14 + length)
        try decoder.feed(UnsafeRawBufferPointer(rebasing: bytes[fixed..<end]), into: &visitor)
      }
      guard let header = visitor.header else {
        throw TraceFormatError(
          source: path, offset: 0, message: "not a complete FlowTrace header (\(bytes.count) bytes)"
        )
      }
      return header
    case .jsonLines:
      var end = 0
      var sawText = false
      while end < bytes.count {
        let byte = bytes[end]
        if byte == 0x0A && sawText { break }
        if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { sawText = true }
        end += 1
      }
      var decoder = JSONLinesDecoder(source: path)
      guard
        let header = try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[..<end]), { _ in })
      else {
        throw TraceFormatError(source: path, offset: 0, line: 1, message: "no header line")
      }
      return header
    }
  }
}

/// Keeps the header and ignores the rest.
private struct HeaderVisitor: TraceVisitor {
  var header: TraceHeader?
  mutating func visitHeader(_ header: TraceHeader) { self.header = header }
}
