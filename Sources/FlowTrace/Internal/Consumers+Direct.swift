import FlowTraceWire

/// What a sink lends its encoder to: encodes records into it, noting definitions (call sites,
/// threads, tasks) in the array when the sink keeps them; returns how many failed.
typealias DirectBody = (
  _ encoder: UnsafeMutablePointer<TraceEncoder>, _ definitions: UnsafeMutablePointer<[TraceEvent]>?
) -> Int

extension Consumers {
  /// Drains straight into a sink's encoder lent by `lend`; false when the sink declined.
  mutating func drainDirect(
    complete: Bool,
    into lend: (DirectBody) -> Bool
  ) -> Bool {
    let collector = self.collector
    var lostNow: UInt64 = 0
    let written = lend { encoder, definitions in
      var failed = 0
      collector.direct = encoder
      defer { collector.direct = nil }
      collector.drain(complete: complete) { event in
        if case .loss(let loss) = event { lostNow += loss.count }
        if let definitions, event.isDefinition { definitions.pointee.append(event) }
        do { try encoder.pointee.encode(event) } catch { failed += 1 }
      }
      return failed + collector.takeDirectFailures()
    }
    if written { lost += lostNow }
    return written
  }
}
