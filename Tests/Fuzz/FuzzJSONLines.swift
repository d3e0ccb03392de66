// libFuzzer target: the JSON Lines importer. Whatever it accepts must re-encode to the
// binary format and decode again to the same header and the same events (the importer never
// lets through a trace the binary decoder would reject, or would read differently).
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
  let decoded = DecodedTrace(binary: encoder.takeBytes(), source: "reencoded")
  if let error = decoded.error {
    fatalError("JSON Lines accepted a trace the binary decoder rejects: \(error)")
  }
  if decoded.header != header {
    fatalError(
      "the header changed through the binary format: \(header) -> \(String(describing: decoded.header))"
    )
  }
  if decoded.events != events {
    let index =
      zip(decoded.events, events).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(decoded.events.count, events.count)
    fatalError(
      "event \(index) changed through the binary format: "
        + "\(index < events.count ? "\(events[index])" : "<none>") -> "
        + "\(index < decoded.events.count ? "\(decoded.events[index])" : "<none>")"
        + " (\(events.count) events in, \(decoded.events.count) out)")
  }
  return 0
}
