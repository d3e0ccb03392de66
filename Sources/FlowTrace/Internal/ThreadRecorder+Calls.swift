import CFlowTraceRuntime
import FlowTraceText

// Slow-path helpers of the producer side (owning thread only).
extension UnsafeMutablePointer where Pointee == HotState {
  /// Writes the exit record (with its end time), publishes, and prints a finished root.
  func finish(_ call: _TraceCall, _ record: RawRecord, text: String? = nil, exit: UInt8 = 0) {
    var record = record
    record.flags = UInt8(truncatingIfNeeded: call.bits & CallBits.collectMask) | exit
    if call.bits & CallBits.timing != 0 { record.c = ft_ticks() }
    if call.bits & CallBits.span != 0 {  // FlowTraceTracing: calls out as spans
      _SpanBridge.callEnded(self, id: call.id, kind: record.kind, bits: 0, text: text)
    }
    if let text { append(record, text: text) } else { append(record) }
    commit()
    if call.bits & CallBits.root != 0 { rootEnded() }
  }

  /// Writes a call record and publishes it (and the arguments before it).
  @inline(__always)
  func appendCall(seq: UInt64, site: UInt64, parent: UInt64, flags: UInt8, bits: UInt32) {
    var record = RawRecord(
      kind: .call, flags: flags, spare: UInt16(truncatingIfNeeded: seq >> 32),
      spare2: UInt32(truncatingIfNeeded: seq), a: site, b: parent, c: 0)
    if bits & CallBits.timing != 0 { record.c = ft_ticks() }
    append(record)
    commit()
  }

  /// An outermost call ended: print what finished when autoPrint is on.
  @inline(__always)
  func rootEnded() {
    if pointee.depth == 0, ft_mode_load() & ModeBits.autoPrint != 0 {
      Runtime.shared.printFinishedRoots()
    }
  }

  /// Pops the call's frame; a callee error it survived becomes its `caught` record.
  @inline(__always)
  /// Returns `RecordFlags.asyncExit` when the call was not on the stack, else 0.
  @discardableResult
  func popNotingCaught(_ id: UInt64) -> UInt8 {
    let depth = pointee.depth
    guard depth > 0, pointee.stack[depth &- 1].id == id else { return RecordFlags.asyncExit }
    pointee.depth = depth &- 1
    if let error = (pointee.stack + (depth &- 1)).move().error { appendCaught(id, error) }
    return 0
  }

  func appendCaught(_ id: UInt64, _ error: any Error) {
    let text = describe(error)
    append(RawRecord(kind: .caught, flags: 0, a: id, b: 0, c: 0), text: text)
  }

  /// `Type NUL description` of an error, formatted with tracing suppressed.
  func describe(_ error: any Error) -> String {
    pointee.suppress += 1
    defer { pointee.suppress -= 1 }
    let limit = Runtime.shared.maxValueLength
    let type = String(describing: Swift.type(of: error))
    return type + "\u{0}" + ValueRender.cut(String(describing: error), to: limit)
  }

  /// Renders a value now (`ValueRender.write`: its type's plan), cut to the limit, in the
  /// thread's reused memory (no allocation but the text's).
  func render<T>(_ value: T) -> String {
    withRenderStream { out in
      ValueRender.write(value, into: &out)
      return out.text
    }
  }

  /// Calls `body` with a stream over the thread's reused render memory, cut at the trace's
  /// limit, with tracing suppressed (a `description` that calls traced code records nothing,
  /// and so nothing else renders into that memory meanwhile).
  func withRenderStream<R>(_ body: (inout BoundedText) -> R) -> R {
    pointee.suppress += 1
    defer { pointee.suppress -= 1 }
    if pointee.renderStore == nil { pointee.renderStore = ByteStore() }
    // The store goes only with the thread's state, so it outlives the stream.
    var out = BoundedText(
      limit: Runtime.shared.maxValueLength, store: pointee.renderStore.unsafelyUnwrapped)
    return body(&out)
  }

  /// Notes the task the next call runs in (a `task` record when it changed), with the task
  /// that spawned it when the call nests under a traced call of another task.
  func noteTask(scope: TaskScope?) {
    let task = Tasks.currentID()
    guard task != pointee.lastTask else { return }
    pointee.lastTask = task
    let spawner = scope?.taskID ?? 0
    let parent = spawner == task ? 0 : spawner
    append(RawRecord(kind: .task, flags: 0, a: task, b: parent, c: 0))
  }
}

extension ThreadRecorder {
  /// True when the site passes the include/exclude patterns (cached per thread).
  func admits(site: StaticString) -> Bool {
    let generation = Runtime.shared.filterGeneration.load(ordering: .relaxed)
    if generation != filterGeneration {
      filterCache.removeAll()
      filterGeneration = generation
    }
    let key = UInt(bitPattern: site.utf8Start)
    if let known = filterCache[key] { return known }
    let name = SiteText(site.utf8Start).qualifiedName
    let admitted = Runtime.shared.configuration.admits(name)
    filterCache[key] = admitted
    return admitted
  }
}
