import FlowTraceWire

extension Collector {
  /// Turns one record into events.
  func handle(
    _ record: RawRecord, text: String?, _ recorder: ThreadRecorder, _ emit: (TraceEvent) -> Void
  ) {
    switch record.kind {
    case .argInt, .argDouble, .argBool:
      recorder.pendingArgs.append(ValueRender.format(record.kind, record.b))
    case .argText:
      recorder.pendingArgs.append(text ?? "")
    case .argString:
      recorder.pendingArgs.append(ValueRender.quoted(text ?? "", limit: maxValueLength))
    case .argValue:
      recorder.pendingArgs.append(renderDeferred(record))
    case .call:
      call(record, recorder, emit)
    case .returnVoid, .returnUncollected:
      end(record, result: nil, emit)
    case .returnInt, .returnDouble, .returnBool:
      end(record, result: ValueRender.format(record.kind, record.b), emit)
    case .returnText:
      end(record, result: text ?? "", emit)
    case .returnString:
      end(record, result: ValueRender.quoted(text ?? "", limit: maxValueLength), emit)
    case .returnValue:
      end(record, result: renderDeferred(record), emit)
    case .propagated, .caught:
      guard let wire = wireID(of: record.a, remove: false) else { return }
      let parts = (text ?? "").split(separator: "\u{0}", maxSplits: 1)
      let type = parts.first.map(String.init) ?? ""
      let description = parts.count > 1 ? String(parts[1]) : type
      emit(
        .error(
          CallError(
            id: wire, type: type, description: description,
            disposition: record.kind == .caught ? .caught : .propagated)))
    case .task:
      recorder.task = record.a
      announceTask(record.a, parent: record.b, emit)
    case .loss:
      let parent = record.b == 0 ? nil : wireID(of: record.b, remove: false)
      emit(.loss(Loss(count: record.a, thread: recorder.index, parent: parent)))
    }
  }

  /// Renders (and releases) the value a `argValue`/`returnValue` record holds, with tracing
  /// suppressed on this thread: a `description` that calls traced code records nothing.
  private func renderDeferred(_ record: RawRecord) -> String {
    guard let address = UnsafeRawPointer(bitPattern: UInt(record.b)) else { return "" }
    let value = Unmanaged<DeferredValue>.fromOpaque(address).takeRetainedValue()
    let hot = ThreadRecorder.current
    hot.pointee.suppress += 1
    defer { hot.pointee.suppress -= 1 }
    return value.render(limit: maxValueLength)
  }

  private func call(
    _ record: RawRecord, _ recorder: ThreadRecorder, _ emit: (TraceEvent) -> Void
  ) {
    let seq = UInt64(record.spare) << 32 | UInt64(record.spare2)
    let id = UInt64(recorder.index) << 40 | seq
    recorder.consumedSeq = seq
    let parent = record.b == 0 ? nil : wireID(of: record.b, remove: false)
    let siteID: UInt32
    if recorder.lastSite.address == record.a {
      siteID = recorder.lastSite.id
    } else {
      siteID = site(record.a, emit)
      recorder.lastSite = (record.a, siteID)
    }
    let flags = CollectFlags(rawValue: record.flags & 0b111)
    let wire = takeWireID()
    recorder.open.push(id, wire: wire)
    if record.flags & RecordFlags.taskParent != 0, record.b != 0 {
      remoteParent[id] = record.b
      remoteChildren[record.b, default: 0] += 1
    }
    let args = record.flags & Collector.argsBit != 0 ? recorder.pendingArgs : nil
    if !recorder.pendingArgs.isEmpty { recorder.pendingArgs = [] }
    let timestamp =
      record.flags & Collector.timingBit != 0 ? TickClock.shared.nanos(record.c) : nil
    if let direct {
      do {
        try direct.pointee.call(
          id: wire, parent: parent, site: siteID, thread: recorder.index, task: recorder.task,
          flags: flags, timestamp: timestamp, args: args)
      } catch {
        directFailures += 1
      }
      return
    }
    let start = CallStart(
      id: wire, parent: parent, site: siteID, thread: recorder.index, task: recorder.task,
      flags: flags, timestamp: timestamp, args: args)
    emit(.call(start))
  }

  /// `CollectFlags.args` and `.timing` as raw bits (no cross-module global accessor per record).
  static let argsBit: UInt8 = 1
  static let timingBit: UInt8 = 4

  private func end(_ record: RawRecord, result: String?, _ emit: (TraceEvent) -> Void) {
    if !remoteParent.isEmpty, let parent = remoteParent.removeValue(forKey: record.a) {
      let left = remoteChildren[parent, default: 1] - 1
      remoteChildren[parent] = left > 0 ? left : nil
    }
    guard let wire = wireID(of: record.a, remove: true) else { return }
    let timestamp =
      record.flags & Collector.timingBit != 0 ? TickClock.shared.nanos(record.c) : nil
    if let direct {
      do {
        try direct.pointee.return(id: wire, timestamp: timestamp, result: result)
      } catch {
        directFailures += 1
      }
      return
    }
    emit(.return(CallEnd(id: wire, timestamp: timestamp, result: result)))
  }
}
