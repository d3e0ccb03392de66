import FlowTraceWire

extension OTLPWriter {
  /// Appends one call's span to the current batch (closing it when full).
  mutating func appendSpan(_ call: OpenCall, endNanos: UInt64, result: String?, incomplete: Bool) {
    let start = call.start
    let wall = UInt64(clamping: Swift.max(0, header?.startWallNanos ?? 0))
    let site = sites[start.site]
    if batchSpans > 0 { batch.append(UInt8(ascii: ",")) }
    batchSpans += 1
    spanCount += 1
    batch.append(contentsOf: #"{"traceId":""#.utf8)
    batch.append(contentsOf: identity.traceID(root: call.root).utf8)
    batch.append(contentsOf: #"","spanId":""#.utf8)
    batch.append(contentsOf: identity.spanID(start.id).utf8)
    if let parent = start.parent {
      batch.append(contentsOf: #"","parentSpanId":""#.utf8)
      batch.append(contentsOf: identity.spanID(parent).utf8)
    }
    batch.append(contentsOf: #"","name":"#.utf8)
    batch.appendJSON(site?.name ?? "site \(start.site)")
    batch.append(contentsOf: #","kind":1,"#.utf8)
    batch.appendOTLPNanos("startTimeUnixNano", wall &+ call.startNanos)
    batch.append(UInt8(ascii: ","))
    batch.appendOTLPNanos("endTimeUnixNano", wall &+ Swift.max(endNanos, call.startNanos))
    batch.append(contentsOf: #","attributes":["#.utf8)
    appendAttributes(call, site: site, result: result, incomplete: incomplete)
    batch.append(contentsOf: #"],"events":["#.utf8)
    appendEvents(call, wall: wall, endNanos: endNanos)
    batch.append(contentsOf: "]".utf8)
    if let error = call.error, error.disposition == .propagated {
      batch.append(contentsOf: #","status":{"code":2,"message":"#.utf8)
      batch.appendJSON("\(error.type): \(error.description)")
      batch.append(UInt8(ascii: "}"))
    }
    batch.append(UInt8(ascii: "}"))
    if batchSpans >= batchSize { closeBatch() }
  }

  private mutating func appendAttributes(
    _ call: OpenCall, site: Site?, result: String?, incomplete: Bool
  ) {
    let start = call.start
    var list = JSONListBuilder()
    list.next(&batch)
    batch.appendOTLPAttribute("code.function.name", string: site?.name ?? "site \(start.site)")
    if let site, !site.file.isEmpty {
      list.next(&batch)
      batch.appendOTLPAttribute("code.file.path", string: site.file)
      list.next(&batch)
      batch.appendOTLPAttribute("code.line.number", int: Int64(site.line))
    }
    list.next(&batch)
    batch.appendOTLPAttribute("flowtrace.call.id", int: Int64(clamping: start.id))
    if let args = start.args {
      for (index, value) in args.enumerated() {
        let label = site.flatMap { index < $0.labels.count ? $0.labels[index] : nil } ?? "_"
        list.next(&batch)
        batch.appendOTLPAttribute(
          "flowtrace.arg." + (label == "_" ? String(index) : label), string: value)
      }
    }
    if let result {
      list.next(&batch)
      batch.appendOTLPAttribute("flowtrace.result", string: result)
    }
    list.next(&batch)
    batch.appendOTLPAttribute("thread.id", int: Int64(start.thread))
    if let name = threads[start.thread], !name.isEmpty {
      list.next(&batch)
      batch.appendOTLPAttribute("thread.name", string: name)
    }
    if start.task != 0 {
      list.next(&batch)
      batch.appendOTLPAttribute("flowtrace.task.id", int: Int64(clamping: start.task))
      if let name = tasks[start.task], !name.isEmpty {
        list.next(&batch)
        batch.appendOTLPAttribute("flowtrace.task.name", string: name)
      }
    }
    if !call.timed {
      list.next(&batch)
      batch.appendOTLPAttribute("flowtrace.timing", string: "none")
    }
    if incomplete {
      list.next(&batch)
      batch.appendOTLPAttribute("flowtrace.incomplete", bool: true)
    }
  }

  private mutating func appendEvents(_ call: OpenCall, wall: UInt64, endNanos: UInt64) {
    var list = JSONListBuilder()
    if let error = call.error {
      list.next(&batch)
      batch.append(UInt8(ascii: "{"))
      batch.appendOTLPNanos("timeUnixNano", wall &+ Swift.max(endNanos, call.startNanos))
      batch.append(contentsOf: #","name":"exception","attributes":["#.utf8)
      batch.appendOTLPAttribute("exception.type", string: error.type)
      batch.append(UInt8(ascii: ","))
      batch.appendOTLPAttribute("exception.message", string: error.description)
      batch.append(UInt8(ascii: ","))
      batch.appendOTLPAttribute("exception.escaped", bool: error.disposition == .propagated)
      batch.append(UInt8(ascii: ","))
      batch.appendOTLPAttribute(
        "flowtrace.error.disposition",
        string: error.disposition == .propagated ? "propagated" : "caught")
      batch.append(contentsOf: "]}".utf8)
    }
    for loss in call.lost {
      list.next(&batch)
      batch.append(UInt8(ascii: "{"))
      batch.appendOTLPNanos("timeUnixNano", wall &+ Swift.max(loss.at, call.startNanos))
      batch.append(contentsOf: #","name":"flowtrace.lost_events","attributes":["#.utf8)
      batch.appendOTLPAttribute("flowtrace.lost_events", int: Int64(clamping: loss.count))
      batch.append(contentsOf: "]}".utf8)
    }
  }
}
