/// Receives decoded records without per-event allocation: the fast path of `TraceDecoder`.
///
/// Strings arrive as `TraceBytes` that point into the decoder's input and are valid only
/// during the call; turn them into `String` (`.string`) only when needed. Every method has an
/// empty default, so a visitor implements what it uses. Ids and parents are resolved.
public protocol TraceVisitor {
  /// The trace header (first, once).
  mutating func visitHeader(_ header: TraceHeader)
  /// A call site definition.
  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32)
  /// A thread name.
  mutating func visitThread(id: UInt32, name: TraceBytes)
  /// An async task name.
  mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes)
  /// The start of a call.
  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?)
  /// The end of a call.
  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?)
  /// An error of a call.
  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition)
  /// Dropped events.
  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?)
  /// The clean end of the stream.
  mutating func visitEnd()
}

extension TraceVisitor {
  @inlinable public mutating func visitHeader(_ header: TraceHeader) {}
  @inlinable public mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {}
  @inlinable public mutating func visitThread(id: UInt32, name: TraceBytes) {}
  @inlinable public mutating func visitTask(id: UInt64, parent: UInt64?, name: TraceBytes) {}
  @inlinable public mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {}
  @inlinable public mutating func visitReturn(
    id: UInt64, timestamp: UInt64?, result: TraceBytes?
  ) {}
  @inlinable public mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {}
  @inlinable public mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {}
  @inlinable public mutating func visitEnd() {}
}

/// UTF-8 bytes of one string of a trace, valid only during the visitor call that gives them.
public struct TraceBytes {
  /// The raw bytes (not necessarily valid UTF-8).
  public let buffer: UnsafeRawBufferPointer

  @inlinable
  public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

  /// The bytes as a String (invalid UTF-8 is replaced by U+FFFD).
  @inlinable
  public var string: String { String(decoding: buffer, as: UTF8.self) }

  /// Number of bytes.
  @inlinable
  public var count: Int { buffer.count }
}

/// A list of strings of a trace (arguments, labels), stored as varint-length-prefixed UTF-8
/// runs that the decoder has already validated; valid only during the visitor call.
public struct TraceStrings: Sequence {
  /// Number of strings.
  public let count: Int
  @usableFromInline let buffer: UnsafeRawBufferPointer

  @inlinable
  init(count: Int, buffer: UnsafeRawBufferPointer) {
    self.count = count
    self.buffer = buffer
  }

  /// The strings as Strings.
  public var strings: [String] { map(\.string) }

  /// The encoded list (varint length, bytes, for each string): equal lists have equal bytes.
  @inlinable public var encoded: UnsafeRawBufferPointer { buffer }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(buffer: buffer, remaining: count) }

  /// Walks the length-prefixed runs (stops early rather than read out of bounds).
  public struct Iterator: IteratorProtocol {
    @usableFromInline let buffer: UnsafeRawBufferPointer
    @usableFromInline var position = 0
    @usableFromInline var remaining: Int

    @inlinable
    init(buffer: UnsafeRawBufferPointer, remaining: Int) {
      self.buffer = buffer
      self.remaining = remaining
    }

    @inlinable
    public mutating func next() -> TraceBytes? {
      guard remaining > 0 else { return nil }
      var length = 0
      var shift = 0
      while position < buffer.count, shift < 64 {
        let byte = buffer[position]
        position += 1
        length |= Int(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
      guard length >= 0, length <= buffer.count - position else {
        remaining = 0
        return nil
      }
      remaining -= 1
      let start = position
      position += length
      return TraceBytes(UnsafeRawBufferPointer(rebasing: buffer[start..<position]))
    }
  }
}
