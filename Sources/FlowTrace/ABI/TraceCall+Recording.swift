import CFlowTraceRuntime
import Glibc

// The out-of-line halves of `_TraceCall`: everything past the mode check.
extension _TraceCall {
  /// Starts a traced call: decides whether it is recorded, finds its parent, pushes it.
  @usableFromInline
  static func _begin(site: StaticString, bits: UInt32, mode: UInt32) -> _TraceCall {
    guard site.hasPointerRepresentation else { return _TraceCall(slot: 0, bits: 0) }
    let recorder = ThreadRecorder.current
    if recorder.suppress > 0 { return _TraceCall(slot: 0, bits: 0) }
    let address = UInt64(UInt(bitPattern: site.utf8Start))
    if mode & ModeBits.filter != 0, !recorder.admits(site: site) {
      return _TraceCall(slot: 0, bits: 0)
    }
    if mode & ModeBits.sink != 0, recorder.backlog.load(ordering: .relaxed) > Sinks.backlogLimit {
      if mode & ModeBits.dropWhenFull != 0 {
        recorder.dropped &+= 1
        return _TraceCall(slot: 0, bits: 0)
      }
      Sinks.waitForWriter(recorder)
    }
    if recorder.dropped > 0 { recorder.recordLoss() }
    var flags = UInt8(truncatingIfNeeded: bits)
    var parent: UInt64 = 0
    if recorder.depth > 0 {
      parent = recorder.stack[recorder.depth &- 1].id
    } else {
      let scope = TaskScope.current
      if let scope {
        parent = scope.callID
        flags |= RecordFlags.taskParent
      }
      recorder.noteTask(scope: scope)
    }
    recorder.nextSeq &+= 1
    let id = UInt64(recorder.index) << 40 | recorder.nextSeq
    recorder.push(id)
    recorder.pendingSite = address
    recorder.pendingParent = parent
    recorder.pendingFlags = flags
    return _TraceCall(slot: id, bits: parent == 0 ? bits | CallBits.root : bits)
  }

  /// Records the call record (after its arguments) and publishes it.
  @usableFromInline
  static func _entered(_ bits: UInt32) {
    let recorder = ThreadRecorder.current
    let seq = recorder.nextSeq
    var record = RawRecord(
      kind: .call, flags: recorder.pendingFlags, spare: UInt16(truncatingIfNeeded: seq >> 32),
      spare2: UInt32(truncatingIfNeeded: seq), a: recorder.pendingSite,
      b: recorder.pendingParent, c: 0)
    if bits & CallBits.timing != 0 { record.c = ft_ticks() }
    recorder.append(record)
    recorder.commit()
  }

  /// Records an argument stored raw (Int, Double, Bool bits).
  @usableFromInline
  static func _raw(_ kind: RecordKind, _ bits: UInt64) {
    ThreadRecorder.current.append(RawRecord(kind: kind, flags: 0, a: 0, b: bits, c: 0))
  }

  /// Records a String argument as is (quoted and cut later, off the hot path).
  @usableFromInline
  static func _string(_ kind: RecordKind, _ value: String) {
    ThreadRecorder.current.append(RawRecord(kind: kind, flags: 0, a: 0, b: 0, c: 0), text: value)
  }

  @usableFromInline
  static func _placeholder(_ text: StaticString) {
    let value = text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    ThreadRecorder.current.append(
      RawRecord(kind: .argText, flags: 0, a: 0, b: 0, c: 0), text: value)
  }

  /// Records any other argument, rendered now (its value may change later).
  @usableFromInline
  static func _argument<T>(_ value: T) {
    let recorder = ThreadRecorder.current
    if let (kind, bits) = ValueRender.raw(value, argument: true) {
      recorder.append(RawRecord(kind: kind, flags: 0, a: 0, b: bits, c: 0))
    } else if let string = value as? String {
      recorder.append(RawRecord(kind: .argString, flags: 0, a: 0, b: 0, c: 0), text: string)
    } else {
      let text = recorder.render(value)
      recorder.append(RawRecord(kind: .argText, flags: 0, a: 0, b: 0, c: 0), text: text)
    }
  }

  /// Records a normal exit whose value is raw bits (or nothing).
  @usableFromInline
  func _end(_ kind: RecordKind, _ value: UInt64) {
    let recorder = ThreadRecorder.current
    recorder.noteCaught(self)
    let kind = bits & CallBits.result != 0 ? kind : .returnUncollected
    recorder.finish(self, RawRecord(kind: kind, flags: 0, a: slot, b: value, c: 0))
  }

  @usableFromInline
  func _endString(_ value: String) {
    let recorder = ThreadRecorder.current
    recorder.noteCaught(self)
    if bits & CallBits.result != 0 {
      recorder.finish(
        self, RawRecord(kind: .returnString, flags: 0, a: slot, b: 0, c: 0), text: value)
    } else {
      recorder.finish(self, RawRecord(kind: .returnUncollected, flags: 0, a: slot, b: 0, c: 0))
    }
  }

  @usableFromInline
  func _returning<T>(_ value: T) {
    if bits & CallBits.result == 0 || T.self == Void.self {
      _end(.returnVoid, 0)
    } else if let (kind, raw) = ValueRender.raw(value, argument: false) {
      _end(kind, raw)
    } else if let string = value as? String {
      _endString(string)
    } else {
      let recorder = ThreadRecorder.current
      let text = recorder.render(value)
      recorder.noteCaught(self)
      recorder.finish(
        self, RawRecord(kind: .returnText, flags: 0, a: slot, b: 0, c: 0), text: text)
    }
  }

  /// Records an exit by throwing, and tells the parent (which may then report it caught).
  @usableFromInline
  func _throwing(_ error: any Error) {
    let recorder = ThreadRecorder.current
    _ = recorder.pop(slot)
    if recorder.depth > 0 {
      recorder.stack[recorder.depth &- 1].error = error
    } else if let scope = TaskScope.current {
      scope.childThrew(error)
    }
    let text = recorder.describe(error)
    recorder.append(RawRecord(kind: .propagated, flags: 0, a: slot, b: 0, c: 0), text: text)
    recorder.finish(self, RawRecord(kind: .returnUncollected, flags: 0, a: slot, b: 0, c: 0))
  }
}
