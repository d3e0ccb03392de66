import FlowTraceWire

extension CallTree {
  /// Adds one decoded event of `program` (0 for a single-program trace). Events that do not
  /// fit (unknown ids, out of order) are counted in `anomalies`, never trapped on.
  public mutating func append(_ event: TraceEvent, from program: Int = 0) {
    ensureProgram(program)
    programStates[program].info.events += 1
    switch event {
    case .callSite(let site):
      defineSite(site, program: program)
    case .thread(let thread):
      let node = threadNode(thread.id, program: program)
      threadTable[Int(refs[Int(node)])].name = thread.name
    case .task(let task):
      programStates[program].tasks[task.id] = task
    case .call(let start):
      appendCall(start, program: program)
    case .return(let end):
      endCall(end, program: program)
    case .error(let error):
      guard let node = programStates[program].openCalls[error.id] else {
        anomalies += 1
        return
      }
      errorTable[node] = ErrorRecord(
        type: error.type, description: error.description, disposition: error.disposition)
      flags[Int(node)].errorMark = error.disposition == .propagated ? 1 : 2
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

  mutating func defineSite(_ site: CallSite, program: Int) {
    let index = UInt32(siteTable.count)
    siteTable.append(
      SiteRecord(
        name: site.qualifiedName, labels: site.labels, file: site.file, line: site.line,
        program: program))
    programStates[program].siteMap[site.id] = index
  }

  mutating func threadNode(_ id: UInt32, program: Int) -> UInt32 {
    if let node = programStates[program].threadNodes[id] { return node }
    let ref = UInt32(threadTable.count)
    threadTable.append(ThreadRecord(program: program, id: id, name: ""))
    let node = appendNode(
      kind: .thread, parent: programStates[program].node, ref: ref, context: UInt32(program))
    programStates[program].threadNodes[id] = node
    return node
  }

  mutating func appendCall(_ start: CallStart, program: Int) {
    let parent: UInt32
    if let parentID = start.parent {
      if let open = programStates[program].openCalls[parentID] {
        parent = open
      } else {
        anomalies += 1
        parent = threadNode(start.thread, program: program)
      }
    } else {
      parent = threadNode(start.thread, program: program)
    }
    let site: UInt32
    if let known = programStates[program].siteMap[start.site] {
      site = known
    } else {
      anomalies += 1
      defineSite(
        CallSite(
          id: start.site, qualifiedName: "site#\(start.site)", labels: [], file: "", line: 0),
        program: program)
      site = UInt32(siteTable.count - 1)
    }
    let key = ContextRecord(program: UInt32(program), thread: start.thread, task: start.task)
    let context: UInt32
    if let known = contextIndex[key] {
      context = known
    } else {
      context = UInt32(contextTable.count)
      contextTable.append(key)
      contextIndex[key] = context
    }
    let node = appendNode(kind: .call, parent: parent, ref: site, context: context)
    callCount += 1
    let index = Int(node)
    if let time = start.timestamp {
      starts[index] = time
      note(time: time, program: program)
    }
    flags[index].argsCollected = start.args != nil
    flags[index].resultCollected = start.flags.contains(.result)
    if start.args != nil || start.flags.contains(.result) {
      payloads[index] = writePayload(args: start.args)
    }
    if programStates[program].openCalls.updateValue(node, forKey: start.id) != nil {
      anomalies += 1
    }
  }

  mutating func endCall(_ end: CallEnd, program: Int) {
    guard let node = programStates[program].openCalls.removeValue(forKey: end.id) else {
      anomalies += 1
      return
    }
    let index = Int(node)
    lastChildOfOpen[node] = nil
    if let time = end.timestamp {
      note(time: time, program: program)
      if starts[index] != Self.noTime {
        durations[index] = DurationCode.encode(time &- min(time, starts[index]))
      }
    }
    flags[index].state = flags[index].errorMark == 1 ? .threw : .returned
    if let result = end.result, arena.hasRoom {
      if payloads[index] == 0 { payloads[index] = writePayload(args: nil) }
      let ref = arena.beginRecord()
      arena.appendString(result)
      arena.patchUInt32(at: ByteArena.offset(of: payloads[index]), ref)
    }
  }

  mutating func appendLoss(_ loss: Loss, program: Int) {
    programStates[program].info.lost += loss.count
    var parent = programStates[program].node
    if let id = loss.parent, let open = programStates[program].openCalls[id] {
      parent = open
    } else if let thread = loss.thread {
      parent = threadNode(thread, program: program)
    }
    let ref = UInt32(lossTable.count)
    lossTable.append(LossRecord(program: program, count: loss.count, thread: loss.thread))
    let node = appendNode(kind: .loss, parent: parent, ref: ref, context: UInt32(program))
    if programStates[program].latestTime > 0 {
      starts[Int(node)] = programStates[program].latestTime
    }
  }

  mutating func note(time: UInt64, program: Int) {
    if programStates[program].firstTime == Self.noTime { programStates[program].firstTime = time }
    programStates[program].firstTime = min(programStates[program].firstTime, time)
    programStates[program].latestTime = max(programStates[program].latestTime, time)
  }

  /// Argument record: [result ref: UInt32][count][length, bytes]...
  mutating func writePayload(args: [String]?) -> UInt32 {
    guard arena.hasRoom else { return 0 }
    let ref = arena.beginRecord()
    arena.appendUInt32(0)
    arena.appendVarint(args?.count ?? 0)
    for arg in args ?? [] { arena.appendString(arg) }
    return ref
  }

  mutating func appendNode(kind: NodeKind, parent: UInt32, ref: UInt32, context: UInt32) -> UInt32 {
    let node = UInt32(truncatingIfNeeded: parents.count)
    parents.append(parent)
    firstChildren.append(Self.none)
    nextSiblings.append(Self.none)
    depths.append(
      parent == Self.none ? 0 : depths[Int(parent)] &+ (depths[Int(parent)] < .max ? 1 : 0))
    flags.append(NodeFlags(kind: kind))
    refs.append(ref)
    contexts.append(context)
    starts.append(Self.noTime)
    durations.append(DurationCode.unknown)
    payloads.append(0)
    link(node, to: parent)
    return node
  }

  private mutating func link(_ node: UInt32, to parent: UInt32) {
    if parent == Self.none {
      if lastRoot != Self.none { nextSiblings[Int(lastRoot)] = node } else { firstRoot = node }
      lastRoot = node
      rightmostPath.removeAll(keepingCapacity: true)
      rightmostPath.append(node)
    } else {
      let p = Int(parent)
      if let last = lastChildOfOpen[parent] {
        nextSiblings[Int(last)] = node
      } else if firstChildren[p] == Self.none {
        firstChildren[p] = node
      } else {
        var last = firstChildren[p]
        while nextSiblings[Int(last)] != Self.none { last = nextSiblings[Int(last)] }
        nextSiblings[Int(last)] = node
      }
      if isOpen(parent) { lastChildOfOpen[parent] = node }
      if isPreorder {
        while let top = rightmostPath.last, top != parent { rightmostPath.removeLast() }
        if rightmostPath.isEmpty { isPreorder = false } else { rightmostPath.append(node) }
      }
    }
  }

  private func isOpen(_ node: UInt32) -> Bool {
    let f = flags[Int(node)]
    return f.kind != .call || f.state == .running
  }
}
