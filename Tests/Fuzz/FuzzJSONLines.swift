// libFuzzer target: the JSON Lines importer. Whatever it accepts must re-encode to the
// binary format and decode again to the same events (the importer never lets through a
// trace the binary decoder would reject).
import FlowTraceWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let header: TraceHeader
  let events: [TraceEvent]
  do {
    (header, events) = try JSONLinesDecoder.decode(bytes, source: "fuzz")
  } catch {
    _ = error.description
    return 0
  }
  var encoder = TraceEncoder()
  encoder.header(header)
  do {
    for event in events { try encoder.encode(event) }
  } catch {
    return 0  // the encoder refusing is a clean outcome
  }
  var decoder = TraceDecoder(source: "reencoded")
  var collector = EventCollector()
  do {
    try decoder.feed(encoder.takeBytes(), into: &collector)
    try decoder.finish()
  } catch {
    fatalError("JSON Lines accepted a trace the binary decoder rejects: \(error)")
  }
  return 0
}

/// Counts what the decoder delivers.
struct EventCollector: TraceVisitor {
  var calls = 0
  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) { calls += 1 }
}
