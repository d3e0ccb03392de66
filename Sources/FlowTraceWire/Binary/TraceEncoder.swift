/// Writes the binary trace format (docs/FORMAT.md) into a byte buffer it owns.
///
/// Fast and allocation-free per event once the buffer has grown: the runtime's background
/// writer calls one method per record and hands `bytes` to the sink with `drain(_:)`. The
/// encoder tracks the open calls of every thread and task so that ids and parents that follow
/// from nesting are left out, exactly as `TraceDecoder` restores them.
public struct TraceEncoder: Sendable {
  /// The encoded bytes not yet drained.
  public internal(set) var bytes: [UInt8]
  var lastCallID: UInt64 = 0
  var lastTimestamp: UInt64 = 0
  var hasContext = false
  var contextThread: UInt32 = 0
  var contextTask: UInt64 = 0
  var stacks = OpenCallStacks()
  /// Open calls' records for a new stream (see `keepsOpenCalls`).
  var tracking = false
  var records = OpenCallRecords()
  /// After `continueStream`: calls up to this id exist in this stream only if `inherited`.
  var inheritedFloor: UInt64 = 0
  var inherited: Set<UInt64> = []
  /// Where plain runs are written before they are appended (`TraceEncoder+PlainRun.swift`).
  var plainRunScratch = PlainRunScratch()

  /// Creates an encoder whose buffer starts with room for `capacity` bytes.
  public init(capacity: Int = 1 << 16) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Hands the encoded bytes to `body`, then empties the buffer (keeping its capacity).
  public mutating func drain<E: Error>(
    _ body: (UnsafeRawBufferPointer) throws(E) -> Void
  ) throws(E) {
    defer { bytes.removeAll(keepingCapacity: true) }
    let result: Result<Void, E> = bytes.withUnsafeBytes { raw in
      do throws(E) {
        try body(raw)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Removes and returns the encoded bytes.
  public mutating func takeBytes() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  /// Drops the encoded bytes not yet drained and frees their memory.
  public mutating func discardBytes() {
    bytes = []
  }

  /// Writes the trace header; it must come first in a stream.
  public mutating func header(_ header: TraceHeader) {
    bytes.append(contentsOf: WireFormat.magic)
    bytes.appendLittleEndian(header.version)
    var body: [UInt8] = []
    body.appendLittleEndian(header.pid)
    body.appendLittleEndian(header.startWallNanos)
    body.append(header.clock.rawValue)
    body.appendLittleEndian(header.clockResolutionNanos)
    body.appendString(header.program)
    body.appendVarint(UInt64(header.arguments.count))
    for argument in header.arguments { body.appendString(argument) }
    bytes.appendLittleEndian(UInt32(body.count))
    bytes.append(contentsOf: body)
  }

  /// Starts a record: writes the tag and a one-byte length placeholder.
  @inline(__always)
  mutating func beginRecord(_ tag: RecordTag) -> Int {
    bytes.append(tag.rawValue)
    bytes.append(0)
    return bytes.count
  }

  /// Ends a record started at `start`: fills in its payload length.
  @inline(__always)
  mutating func endRecord(_ start: Int) {
    let length = bytes.count - start
    if length < 0x80 {
      bytes[start - 1] = UInt8(truncatingIfNeeded: length)
    } else {
      var prefix: [UInt8] = []
      prefix.appendVarint(UInt64(length))
      bytes.replaceSubrange((start - 1)..<start, with: prefix)
    }
  }

  /// Writes a timestamp as the signed difference from the previous one.
  @inline(__always)
  mutating func appendTimestamp(_ timestamp: UInt64) {
    bytes.appendZigzag(Int64(bitPattern: timestamp &- lastTimestamp))
    lastTimestamp = timestamp
  }
}
