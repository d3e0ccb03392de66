import FlowTraceWire

extension Collector {
  /// Turns one record into events.
  func handle(
    _ record: RawRecord, text: String?, _ recorder: ThreadRecorder, _ emit: (TraceEvent) -> Void
  ) {
    switch record.kind {
    case .argInt, .argDouble, .argBool, .argText, .argString, .argValue:
      appendArgument(record, text: text, recorder)
    case .call:
      call(record, recorder, emit)
    case .returnVoid, .returnUncollected:
      end(record, hasResult: false, emit)
    case .returnInt, .returnDouble, .returnBool, .returnText, .returnString, .returnValue:
      if resultIsWritten {
        resultIsWritten = false
      } else {
        writeValue(record, text: text, recorder)
      }
      end(record, hasResult: true, emit)
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
    let hasArgs = record.flags & Collector.argsBit != 0
    defer { if !recorder.pendingArgs.isEmpty { recorder.pendingArgs.removeAll() } }
    let timestamp =
      record.flags & Collector.timingBit != 0 ? TickClock.shared.nanos(record.c) : nil
    if let direct {
      do {
        try direct.pointee.call(
          id: wire, parent: parent, site: siteID, thread: recorder.index, task: recorder.task,
          flags: flags, timestamp: timestamp, argsUTF8: hasArgs ? recorder.pendingArgs : nil)
      } catch {
        directFailures += 1
      }
      return
    }
    let start = CallStart(
      id: wire, parent: parent, site: siteID, thread: recorder.index, task: recorder.task,
      flags: flags, timestamp: timestamp, args: hasArgs ? recorder.pendingArgs.strings : nil)
    emit(.call(start))
  }

  /// `CollectFlags.args` and `.timing` as raw bits (no cross-module global accessor per record).
  static let argsBit: UInt8 = 1
  static let resultBit: UInt8 = 2
  static let timingBit: UInt8 = 4
  /// The record flags a plain run takes: the arguments and result bits, and a text.
  static let runFlags: UInt8 = argsBit | resultBit | RecordFlags.hasText

  /// Ends a call; its result, when it has one, is the text in `resultText`.
  private func end(_ record: RawRecord, hasResult: Bool, _ emit: (TraceEvent) -> Void) {
    if !remoteParent.isEmpty, let parent = remoteParent.removeValue(forKey: record.a) {
      let left = remoteChildren[parent, default: 1] - 1
      remoteChildren[parent] = left > 0 ? left : nil
    }
    guard let wire = wireID(of: record.a, remove: true) else { return }
    let timestamp =
      record.flags & Collector.timingBit != 0 ? TickClock.shared.nanos(record.c) : nil
    if let direct {
      do {
        if hasResult {
          let failed = resultText.withText { utf8 in
            (try? direct.pointee.return(id: wire, timestamp: timestamp, resultUTF8: utf8)) == nil
          }
          if failed { directFailures += 1 }
        } else {
          try direct.pointee.return(id: wire, timestamp: timestamp, resultUTF8: nil)
        }
      } catch {
        directFailures += 1
      }
      return
    }
    let result = hasResult ? resultText.text : nil
    emit(.return(CallEnd(id: wire, timestamp: timestamp, result: result)))
  }
}
