extension ChromeTraceBuilder {
  /// One header per process, in order of first appearance (`merge`: one for all).
  public func headers(merge: Bool = false) -> [TraceHeader] {
    let pids = processOrder.isEmpty ? [0] : processOrder
    let headers = pids.map { pid in
      TraceHeader(
        pid: Int32(truncatingIfNeeded: pid), program: processNames[pid] ?? "pid \(pid)",
        arguments: [], startWallNanos: 0)
    }
    return merge ? [headers[0]] : headers
  }

  /// Sorts each thread's calls and checks that they nest; call before `emit`.
  public mutating func finish() throws(TraceFormatError) {
    for t in threads.indices {
      threads[t].spans.sort(by: ChromeSpan.before)
      var stack: [ChromeSpan] = []
      for span in threads[t].spans {
        while let top = stack.last, top.end <= span.start, top.end != ChromeSpan.unfinished {
          stack.removeLast()
        }
        if let top = stack.last, span.end > top.end {
          throw TraceFormatError(
            source: source, offset: span.offset,
            message: "this event starts inside the one at byte \(top.offset) (thread "
              + "\(threads[t].tid)) and ends after it: the calls do not nest")
        }
        stack.append(span)
      }
    }
  }

  /// Hands over the trace as FlowTrace events, `body(program, event)`, thread after thread:
  /// the sites first, then each thread's calls in order. With `merge` every process goes to
  /// program 0 and its threads are named with their pid.
  public func emit(merge: Bool = false, _ body: (Int, TraceEvent) -> Void) {
    let programs = processOrder.isEmpty ? [0] : processOrder
    for program in merge ? [0] : Array(programs.indices) {
      for site in sites { body(program, .callSite(site)) }
    }
    var nextThread = [UInt32](repeating: 1, count: programs.count)
    var nextCall = [UInt64](repeating: 1, count: programs.count)
    let base = earliest == Int64.max ? 0 : earliest
    for thread in threads {
      let program = merge ? 0 : programs.firstIndex(of: thread.pid) ?? 0
      let id = nextThread[program]
      nextThread[program] += 1
      var name = thread.name ?? "tid \(thread.tid)"
      if merge && programs.count > 1 { name += " (pid \(thread.pid))" }
      body(program, .thread(ThreadInfo(id: id, name: name)))
      var open: [(id: UInt64, span: ChromeSpan)] = []
      func close(upTo time: Int64?) {
        while let top = open.last, top.span.end != ChromeSpan.unfinished,
          time.map({ top.span.end <= $0 }) ?? true
        {
          open.removeLast()
          let result = top.span.result >= 0 ? results[Int(top.span.result)] : nil
          body(
            program,
            .return(
              CallEnd(id: top.id, timestamp: UInt64(top.span.end - base), result: result)))
        }
      }
      for span in thread.spans {
        close(upTo: span.start)
        let call = nextCall[program]
        nextCall[program] += 1
        var flags: CollectFlags = [.timing]
        let arguments = span.arguments >= 0 ? argumentList(Int(span.arguments)) : nil
        if arguments != nil { flags.insert(.args) }
        if span.result >= 0 { flags.insert(.result) }
        body(
          program,
          .call(
            CallStart(
              id: call, parent: open.last?.id, site: span.site, thread: id, task: 0,
              flags: flags, timestamp: UInt64(span.start - base), args: arguments)))
        open.append((call, span))
      }
      close(upTo: nil)
    }
  }

  /// The values of argument list `index`.
  func argumentList(_ index: Int) -> [String] {
    Array(argumentValues[argumentStarts[index]..<argumentStarts[index + 1]])
  }

  /// What the user should know beside the tree: skipped phases, unfinished calls.
  public var notes: [String] {
    var notes: [String] = []
    if !skipped.isEmpty {
      let phases = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      notes.append("skipped events of phases not imported: \(phases.joined(separator: ", "))")
    }
    let unfinished = threads.reduce(0) { $0 + $1.open.count }
    if unfinished > 0 {
      notes.append(
        "\(unfinished) calls have no end (a B event without its E, an entry without its exit): unfinished calls"
      )
    }
    return notes
  }
}
