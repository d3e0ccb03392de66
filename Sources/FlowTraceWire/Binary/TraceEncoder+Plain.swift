extension TraceEncoder {
  /// The fast form of `call` for a structure-only call (no flags, timestamp or arguments)
  /// whose id follows the previous call and whose parent is the innermost open call of the
  /// current context: a 4-byte record (5 past site 127). Returns false, writing nothing,
  /// when the call needs the general form (then use `call`).
  @inline(__always)
  public mutating func plainCall(
    id: UInt64, parent: UInt64, site: UInt32, thread: UInt32, task: UInt64
  ) -> Bool {
    guard hasContext, id == lastCallID &+ 1, thread == contextThread, task == contextTask,
      site < 0x4000, stacks.current.last == parent
    else { return false }
    let tag = UInt32(RecordTag.call.rawValue)
    if site < 0x80 {
      bytes.appendLittleEndian(tag | 2 << 8 | site << 24)
    } else {
      bytes.appendLittleEndian(tag | 3 << 8 | (site & 0x7F | 0x80) << 24)
      bytes.append(UInt8(truncatingIfNeeded: site >> 7))
    }
    lastCallID = id
    stacks.current.append(id)
    return true
  }

  /// The fast form of `return` for the innermost open call of the current context with no
  /// timestamp or result: a 3-byte record. Returns false, writing nothing, otherwise.
  @inline(__always)
  public mutating func plainReturn(id: UInt64) -> Bool {
    guard hasContext, stacks.current.last == id else { return false }
    bytes.append(RecordTag.return.rawValue)
    bytes.appendLittleEndian(UInt16(1))
    stacks.current.removeLast()
    return true
  }
}
