import FlowTraceWire

extension CallEvent {
  /// Builds a session's call events from its trace events (ids renumbered from 1).
  static func make(
    from events: [TraceEvent], firstID: UInt64, sites: [CallSite], threads: [ThreadInfo]
  ) -> [CallEvent] {
    var siteByID: [UInt32: CallSite] = [:]
    for site in sites { siteByID[site.id] = site }
    var threadNames: [UInt32: String] = [:]
    for thread in threads { threadNames[thread.id] = thread.name }
    var open: [UInt64: CallEvent] = [:]
    var result: [CallEvent] = []
    result.reserveCapacity(events.count)
    func local(_ wire: UInt64) -> Int? {
      wire >= firstID ? Int(wire - firstID + 1) : nil
    }
    for event in events {
      switch event {
      case .call(let start):
        guard let id = local(start.id) else { continue }
        let site = siteByID[start.site]
        let made = CallEvent(
          id: id, kind: .call, qualifiedName: site?.qualifiedName ?? "?",
          parentID: start.parent.flatMap(local), arguments: start.args,
          argumentLabels: site?.labels ?? [], collectsArguments: start.flags.contains(.args),
          collectsResult: start.flags.contains(.result),
          collectsTiming: start.flags.contains(.timing), thread: Int(start.thread),
          threadName: threadNames[start.thread] ?? "thread \(start.thread)",
          task: start.task == 0 ? nil : start.task, timestamp: start.timestamp,
          file: site?.file ?? "", line: Int(site?.line ?? 0))
        open[start.id] = made
        result.append(made)
      case .error(let error):
        guard var made = open[error.id] else { continue }
        made.kind = .exception
        made.errorType = error.type
        made.errorDescription = error.description
        made.disposition = error.disposition == .caught ? .caught : .propagated
        result.append(made)
      case .return(let end):
        guard var made = open.removeValue(forKey: end.id) else { continue }
        made.kind = .return
        made.result = end.result
        if let start = made.timestamp, let stop = end.timestamp {
          made.duration = .nanoseconds(Int64(stop >= start ? stop - start : 0))
        }
        made.timestamp = end.timestamp
        made.errorType = nil
        made.errorDescription = nil
        made.disposition = nil
        result.append(made)
      case .callSite, .thread, .task, .loss, .end:
        continue
      }
    }
    return result
  }

  /// The trace events these call events describe (sites and threads synthesised).
  static func traceEvents(_ calls: [CallEvent]) -> [TraceEvent] {
    var out: [TraceEvent] = []
    out.reserveCapacity(calls.count + 16)
    var siteIDs: [String: UInt32] = [:]
    var siteOfCall: [Int: UInt32] = [:]
    var threads: Set<Int> = []
    for event in calls {
      switch event.kind {
      case .call:
        if threads.insert(event.thread).inserted {
          out.append(.thread(ThreadInfo(id: UInt32(event.thread), name: event.threadName)))
        }
        let key = "\(event.qualifiedName)\t\(event.argumentLabels)\t\(event.file)\t\(event.line)"
        let site: UInt32
        if let known = siteIDs[key] {
          site = known
        } else {
          site = UInt32(siteIDs.count + 1)
          siteIDs[key] = site
          out.append(
            .callSite(
              CallSite(
                id: site, qualifiedName: event.qualifiedName, labels: event.argumentLabels,
                file: event.file, line: UInt32(event.line))))
        }
        siteOfCall[event.id] = site
        var flags: CollectFlags = []
        if event.collectsArguments { flags.insert(.args) }
        if event.collectsResult { flags.insert(.result) }
        if event.collectsTiming { flags.insert(.timing) }
        out.append(
          .call(
            CallStart(
              id: UInt64(event.id), parent: event.parentID.map(UInt64.init), site: site,
              thread: UInt32(event.thread), task: event.task ?? 0, flags: flags,
              timestamp: event.collectsTiming ? 0 : nil,
              args: event.collectsArguments ? event.arguments : nil)))
      case .exception:
        out.append(
          .error(
            CallError(
              id: UInt64(event.id), type: event.errorType ?? "",
              description: event.errorDescription ?? "",
              disposition: event.disposition == .caught ? .caught : .propagated)))
      case .return:
        let end: UInt64? = event.duration.map { duration in
          let (seconds, attoseconds) = duration.components
          return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        }
        out.append(.return(CallEnd(id: UInt64(event.id), timestamp: end, result: event.result)))
      }
    }
    return out
  }
}
