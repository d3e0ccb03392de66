extension TraceEncoder {
  /// Defines a call site; it must precede the first call that uses it.
  public mutating func callSite(_ site: CallSite) {
    let start = beginRecord(.callSite)
    bytes.appendVarint(UInt64(site.id))
    bytes.appendString(site.qualifiedName)
    bytes.appendVarint(UInt64(site.labels.count))
    for label in site.labels { bytes.appendString(label) }
    bytes.appendString(site.file)
    bytes.appendVarint(UInt64(site.line))
    endRecord(start)
  }

  /// Names a thread (again, to rename it); it must precede the thread's first call.
  public mutating func thread(id: UInt32, name: String) {
    let start = beginRecord(.thread)
    bytes.appendVarint(UInt64(id))
    bytes.appendString(name)
    endRecord(start)
  }

  /// Names an async task (id ≠ 0); it must precede the task's first call.
  public mutating func task(id: UInt64, parent: UInt64?, name: String) throws(TraceEncodingError) {
    guard id != 0 else { throw TraceEncodingError("task id 0 means 'no task'") }
    let start = beginRecord(.task)
    bytes.appendVarint(id)
    bytes.appendVarint(parent ?? 0)
    bytes.appendString(name)
    endRecord(start)
  }

  /// Records the start of call `id` (ids increase by call order; `parent` nil for a root).
  @inline(__always)
  public mutating func call(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: [String]?
  ) throws(TraceEncodingError) {
    try callRecord(
      id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
      timestamp: timestamp, args: args)
  }

  /// As `call(…args: [String]?)`, the arguments given as UTF-8 texts.
  @inline(__always)
  public mutating func call(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, argsUTF8 args: TextList?
  ) throws(TraceEncodingError) {
    try callRecord(
      id: id, parent: parent, site: site, thread: thread, task: task, flags: flags,
      timestamp: timestamp, args: args)
  }

  @inline(__always)
  mutating func callRecord<Arguments: ArgumentTexts>(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: Arguments?
  ) throws(TraceEncodingError) {
    guard id > lastCallID else {
      throw TraceEncodingError("call id \(id) does not follow the previous call id \(lastCallID)")
    }
    if let parent, parent >= id {
      throw TraceEncodingError("call \(id) names parent \(parent), which is not an earlier call")
    }
    guard flags.rawValue & ~CallForm.flagsMask == 0 else {
      throw TraceEncodingError("call \(id) has unknown flags \(flags.rawValue)")
    }
    if !hasContext || thread != contextThread || task != contextTask {
      switchContext(thread: thread, task: task)
    }
    var parent = parent
    if parent != stacks.current.last, let known = parent, !isKnownCall(known) { parent = nil }
    var form = flags.rawValue
    let idGap = id - lastCallID - 1
    if idGap != 0 { form |= CallForm.explicitID }
    if parent != stacks.current.last { form |= CallForm.explicitParent }
    if timestamp != nil { form |= CallForm.hasTimestamp }
    if args != nil { form |= CallForm.hasArgs }

    let start = beginRecord(.call)
    bytes.append(form)
    bytes.appendVarint(UInt64(site))
    if idGap != 0 { bytes.appendVarint(idGap) }
    if form & CallForm.explicitParent != 0 { bytes.appendVarint(parent.map { id - $0 } ?? 0) }
    if let timestamp { appendTimestamp(timestamp) }
    if let args {
      bytes.appendVarint(UInt64(args.count))
      args.appendEach(to: &bytes)
    }
    endRecord(start)
    lastCallID = id
    stacks.current.append(id)
    if tracking {
      keepOpenCall(id: id, parent: parent, site: site, flags: flags.rawValue, timestamp: timestamp)
    }
  }

  /// Records the end of call `id`, which must be the innermost open call of its thread or task.
  @inline(__always)
  public mutating func `return`(
    id: UInt64, timestamp: UInt64?, result: String?
  ) throws(TraceEncodingError) {
    guard var result else { return try returnRecord(id: id, timestamp: timestamp, result: nil) }
    let failure = result.withUTF8 { utf8 -> TraceEncodingError? in
      do throws(TraceEncodingError) {
        try returnRecord(id: id, timestamp: timestamp, result: utf8)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// As `return(…result: String?)`, the result given as UTF-8 bytes.
  @inline(__always)
  public mutating func `return`(
    id: UInt64, timestamp: UInt64?, resultUTF8 result: UnsafeBufferPointer<UInt8>?
  ) throws(TraceEncodingError) {
    try returnRecord(id: id, timestamp: timestamp, result: result)
  }

  @inline(__always)
  mutating func returnRecord(
    id: UInt64, timestamp: UInt64?, result: UnsafeBufferPointer<UInt8>?
  ) throws(TraceEncodingError) {
    if stacks.current.last != id || !hasContext {
      guard let key = stacks.keyOfOtherStack(withTop: id) else {
        if !isKnownCall(id) { return }  // a call from before this stream: not in it
        throw TraceEncodingError("return of call \(id), which is not an innermost open call")
      }
      switchContext(thread: key.task == 0 ? key.thread : contextThread, task: key.task)
    }
    var form: UInt8 = 0
    if timestamp != nil { form |= ReturnForm.hasTimestamp }
    if result != nil { form |= ReturnForm.hasResult }
    let start = beginRecord(.return)
    bytes.append(form)
    if let timestamp { appendTimestamp(timestamp) }
    if let result { bytes.appendString(utf8: result) }
    endRecord(start)
    stacks.current.removeLast()
    if tracking {
      records.switchTo(stacks.key)
      _ = records.current.popLast()
    }
  }

  /// Records the error thrown out of (`propagated`) or caught by (`caught`) call `id`.
  public mutating func error(
    id: UInt64, type: String, description: String, disposition: ErrorDisposition
  ) throws(TraceEncodingError) {
    if id != 0, !isKnownCall(id) { return }  // a call from before this stream: not in it
    guard id != 0, id <= lastCallID else {
      throw TraceEncodingError("error for call \(id), which has not started")
    }
    let implicit = hasContext && stacks.current.last == id
    var form: UInt8 = disposition == .caught ? ErrorForm.caught : 0
    if !implicit { form |= ErrorForm.explicitID }
    let start = beginRecord(.error)
    bytes.append(form)
    if !implicit { bytes.appendVarint(lastCallID - id) }
    bytes.appendString(type)
    bytes.appendString(description)
    endRecord(start)
  }

  /// Records that `count` events were dropped (on `thread`, inside call `parent`, if known).
  public mutating func loss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    let start = beginRecord(.loss)
    bytes.appendVarint(count)
    bytes.appendVarint(UInt64(thread ?? 0))
    bytes.appendVarint(parent.flatMap { isKnownCall($0) ? $0 : nil } ?? 0)
    endRecord(start)
  }

  /// Ends the stream cleanly; nothing may follow. `exitStatus` is what the program passed to
  /// `exit` (only its low 8 bits, as the parent sees it), when the stream ends because the
  /// program exits.
  public mutating func end(exitStatus: Int32? = nil) {
    let start = beginRecord(.end)
    if let exitStatus { bytes.appendVarint(UInt64(exitStatus & 0xFF)) }
    endRecord(start)
  }

  /// Encodes one decoded event (the generic path, used by importers and tests).
  public mutating func encode(_ event: TraceEvent) throws(TraceEncodingError) {
    switch event {
    case .callSite(let site): callSite(site)
    case .thread(let info): thread(id: info.id, name: info.name)
    case .task(let info): try task(id: info.id, parent: info.parent, name: info.name)
    case .call(let c):
      try call(
        id: c.id, parent: c.parent, site: c.site, thread: c.thread, task: c.task, flags: c.flags,
        timestamp: c.timestamp, args: c.args)
    case .return(let r): try self.return(id: r.id, timestamp: r.timestamp, result: r.result)
    case .error(let e):
      try error(id: e.id, type: e.type, description: e.description, disposition: e.disposition)
    case .loss(let l): loss(count: l.count, thread: l.thread, parent: l.parent)
    case .end: end()
    }
  }

  /// Makes (`thread`, `task`) the context of the following records.
  mutating func switchContext(thread: UInt32, task: UInt64) {
    let start = beginRecord(.context)
    bytes.appendVarint(UInt64(thread))
    bytes.appendVarint(task)
    endRecord(start)
    hasContext = true
    contextThread = thread
    contextTask = task
    stacks.switchTo(StackKey(thread: thread, task: task))
  }
}
