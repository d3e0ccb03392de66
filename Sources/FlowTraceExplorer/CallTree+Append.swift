import FlowTraceWire

extension CallTree {
  /// Adds one decoded event of `program` (0 for a single-program trace). Events that do not
  /// fit (unknown ids, out of order) are counted in `anomalies`, never trapped on.
  public mutating func append(_ event: TraceEvent, from program: Int = 0) {
    if program >= programStates.count { ensureProgram(program) }
    programStates[program].info.events += 1
    switch event {
    case .call(let start):
      appendCall(start, program: program)
    case .return(let end):
      endCall(end, program: program)
    case .callSite(let site):
      defineSite(site, program: program)
    case .thread(let thread):
      let slot = threadSlot(thread.id, program: program)
      threadTable[Int(refs[Int(slot.node)])].name = thread.name
    case .task(let task):
      programStates[program].tasks[task.id] = task
    case .error(let error):
      attachError(
        id: error.id, type: error.type, description: error.description,
        disposition: error.disposition, program: program)
    case .loss(let loss):
      appendLoss(loss, program: program)
    case .end:
      closeOpenCalls(program: program)
      programStates[program].info.state = .exited
    }
  }

  /// Adds a batch of events of one program.
  public mutating func append(contentsOf events: some Sequence<TraceEvent>, from program: Int = 0) {
    for event in events { append(event, from: program) }
  }

  /// Reserves room for about `calls` more calls and `stringBytes` more bytes of arguments
  /// and results. The node columns grow in fixed chunks without copying, so only the string
  /// arena uses this (a file reader can estimate it from the file's size).
  public mutating func reserveCapacity(calls: Int, stringBytes: Int = 0) {
    arena.reserve(stringBytes)
  }

  mutating func defineSite(_ site: CallSite, program: Int) {
    let index = UInt32(siteTable.count)
    siteTable.append(
      SiteRecord(
        name: site.qualifiedName, labels: site.labels, file: site.file, line: site.line,
        program: program))
    if site.id < 1 << 22 {
      let id = Int(site.id)
      if programStates[program].siteMap.count <= id {
        programStates[program].siteMap.append(
          contentsOf: repeatElement(Self.none, count: id + 1 - programStates[program].siteMap.count)
        )
      }
      programStates[program].siteMap[id] = index
    } else {
      programStates[program].siteOverflow[site.id] = index
    }
  }

  func siteIndex(_ id: UInt32, program: Int) -> UInt32? {
    if Int(id) < programStates[program].siteMap.count {
      let index = programStates[program].siteMap[Int(id)]
      return index == Self.none ? nil : index
    }
    return programStates[program].siteOverflow[id]
  }

  mutating func threadSlot(_ id: UInt32, program: Int) -> ThreadSlot {
    if let slot = programStates[program].threadNodes[id] { return slot }
    let ref = UInt32(threadTable.count)
    threadTable.append(ThreadRecord(program: program, id: id, name: ""))
    let node = appendNode(
      kind: .thread, under: .program(program), ref: ref, context: UInt32(program))
    let slot = ThreadSlot(node: node, lastChild: Self.none)
    programStates[program].threadNodes[id] = slot
    return slot
  }

  mutating func appendCall(_ start: CallStart, program: Int) {
    startCall(
      id: start.id, parent: start.parent, site: start.site, thread: start.thread,
      task: start.task, flags: start.flags, timestamp: start.timestamp, args: start.args,
      argCount: start.args?.count ?? 0, program: program)
  }

  /// Adds a call node (the shared path of `TraceEvent`s and the decoder's visitor).
  mutating func startCall<Args: Sequence>(
    id: UInt64, parent parentID: UInt64?, site siteID: UInt32, thread: UInt32, task: UInt64,
    flags collect: CollectFlags, timestamp: UInt64?, args: Args?, argCount: Int, program: Int
  ) where Args.Element: ArenaText {
    var attach = Attach.thread(program, thread)
    if let parentID {
      if let k = programStates[program].open.find(parentID) {
        attach = .call(program, k)
      } else {
        anomalies += 1
      }
    }
    if case .thread = attach { _ = threadSlot(thread, program: program) }
    let site: UInt32
    if let known = siteIndex(siteID, program: program) {
      site = known
    } else {
      anomalies += 1
      defineSite(
        CallSite(id: siteID, qualifiedName: "site#\(siteID)", labels: [], file: "", line: 0),
        program: program)
      site = UInt32(siteTable.count - 1)
    }
    let context = contextIndex(program: program, thread: thread, task: task)
    var nodeFlags = NodeFlags(kind: .call)
    nodeFlags.argsCollected = args != nil
    nodeFlags.resultCollected = collect.contains(.result)
    var argRef: UInt32 = 0
    if let args { argRef = internArgs(args, count: argCount) }
    let node = appendNode(
      kind: .call, under: attach, ref: site, context: context, flags: nodeFlags,
      start: timestamp ?? Self.noTime, args: argRef)
    callCount += 1
    if let time = timestamp { note(time: time, program: program) }
    if !programStates[program].open.open(id, node: node) { anomalies += 1 }
  }

  mutating func contextIndex(program: Int, thread: UInt32, task: UInt64) -> UInt32 {
    if let last = programStates[program].lastContext, last.thread == thread, last.task == task {
      return last.index
    }
    let key = ContextRecord(program: UInt32(program), thread: thread, task: task)
    let index: UInt32
    if let known = contextIndex[key] {
      index = known
    } else {
      index = UInt32(contextTable.count)
      contextTable.append(key)
      contextIndex[key] = index
    }
    programStates[program].lastContext = (thread, task, index)
    return index
  }

  mutating func endCall(_ end: CallEnd, program: Int) {
    finishCall(id: end.id, timestamp: end.timestamp, result: end.result, program: program)
  }

  /// Ends a call (the shared path of `TraceEvent`s and the decoder's visitor).
  mutating func finishCall<Text: ArenaText>(
    id: UInt64, timestamp: UInt64?, result: Text?, program: Int
  ) {
    guard let k = programStates[program].open.find(id) else {
      anomalies += 1
      return
    }
    let node = programStates[program].open.entries.remove(at: k).node
    let index = Int(node)
    if let time = timestamp {
      note(time: time, program: program)
      if starts[index] != Self.noTime {
        durations[index] = DurationCode.encode(time &- min(time, starts[index]))
      }
    }
    flags[index].state = flags[index].errorMark == 1 ? .threw : .returned
    if let result, arena.hasRoom { resultRefs[index] = internResult(result) }
  }

  /// Writes a result record, or reuses the record of an equal short result seen recently
  /// (results repeat: `0`, `true`, `nil`, small numbers; records are never changed once
  /// written, so sharing one is safe).
  mutating func internResult<Text: ArenaText>(_ text: Text) -> UInt32 {
    text.withUTF8Bytes { raw in
      guard raw.count <= Self.internedLength else {
        let ref = arena.beginRecord()
        arena.appendText(bytes: raw)
        return ref
      }
      var hash: UInt32 = 2_166_136_261
      for byte in raw { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
      let slot = Int(hash & UInt32(Self.internSlots - 1))
      if resultCache.isEmpty { resultCache = Array(repeating: 0, count: Self.internSlots) }
      let cached = resultCache[slot]
      if cached != 0 && arena.textEquals(cached, raw) { return cached }
      let ref = arena.beginRecord()
      arena.appendText(bytes: raw)
      resultCache[slot] = ref
      return ref
    }
  }

  /// Results up to this many bytes are shared through `resultCache`.
  static let internedLength = 24
  /// Slots of `resultCache` (a power of two).
  static let internSlots = 4096

  /// Attaches an error to an open call.
  mutating func attachError(
    id: UInt64, type: String, description: String, disposition: ErrorDisposition, program: Int
  ) {
    guard let k = programStates[program].open.find(id) else {
      anomalies += 1
      return
    }
    let node = programStates[program].open.entries[k].node
    let record = ErrorRecord(type: type, description: description, disposition: disposition)
    if errorTable.updateValue(record, forKey: node) == nil { noteErrorNode(node) }
    flags[Int(node)].errorMark = disposition == .propagated ? 1 : 2
  }

  /// Inserts a node into the sorted `errorNodes` (errors mostly arrive near the end: a
  /// callee's before its caller's).
  private mutating func noteErrorNode(_ node: UInt32) {
    var k = errorNodes.count
    while k > 0 && errorNodes[k - 1] > node { k -= 1 }
    errorNodes.insert(node, at: k)
  }

  mutating func appendLoss(_ loss: Loss, program: Int) {
    let (lost, overflow) = programStates[program].info.lost.addingReportingOverflow(loss.count)
    programStates[program].info.lost = overflow ? .max : lost
    var attach = Attach.program(program)
    if let id = loss.parent, let k = programStates[program].open.find(id) {
      attach = .call(program, k)
    } else if let thread = loss.thread {
      _ = threadSlot(thread, program: program)
      attach = .thread(program, thread)
    }
    let ref = UInt32(lossTable.count)
    lossTable.append(LossRecord(program: program, count: loss.count, thread: loss.thread))
    let node = appendNode(kind: .loss, under: attach, ref: ref, context: UInt32(program))
    if programStates[program].latestTime > 0 {
      starts[Int(node)] = programStates[program].latestTime
    }
  }

  mutating func note(time: UInt64, program: Int) {
    if time < programStates[program].firstTime { programStates[program].firstTime = time }
    if time > programStates[program].latestTime { programStates[program].latestTime = time }
  }

  /// Writes an argument record, `[count][length, bytes]...`, or reuses the record of an
  /// equal short argument list seen recently (arguments repeat: small numbers, flags, the
  /// same object; records are never changed once written, so sharing one is safe).
  mutating func internArgs<Args: Sequence>(_ args: Args, count: Int) -> UInt32
  where Args.Element: ArenaText {
    guard arena.hasRoom else { return 0 }
    let before = arena.bytes.count
    let ref = arena.beginRecord()
    let start = ByteArena.offset(of: ref)
    arena.appendVarint(count)
    var written = 0
    for arg in args where written < count {
      arena.appendText(arg)
      written += 1
    }
    // A shorter list than announced: pad with empty strings so the record stays readable.
    while written < count {
      arena.appendVarint(0)
      written += 1
    }
    let length = arena.bytes.count - start
    guard length <= Self.internedLength + 2 else { return ref }
    let slot = Int(arena.hash(start..<start + length) & UInt32(Self.internSlots - 1))
    if argsCache.isEmpty { argsCache = Array(repeating: (0, 0), count: Self.internSlots) }
    let cached = argsCache[slot]
    if cached.ref != 0 && Int(cached.length) == length
      && arena.bytesEqual(ByteArena.offset(of: cached.ref), start, count: length)
    {
      arena.truncate(to: before)
      return cached.ref
    }
    argsCache[slot] = (ref, UInt32(length))
    return ref
  }
}
