import CFlowTraceRuntime
import Glibc

// The out-of-line halves of `_TraceCall`: everything past the mode check.
extension _TraceCall {
  static var untraced: _TraceCall { _TraceCall(id: 0, bits: 0) }

  /// Starts a traced call: decides whether it is recorded, finds its parent, pushes it, and
  /// records it now unless its arguments come first (then `entered()` does).
  @usableFromInline
  static func _begin(site: StaticString, bits: UInt32, mode: UInt32) -> _TraceCall {
    guard site.hasPointerRepresentation else { return untraced }
    let hot = ThreadRecorder.current
    if hot.pointee.suppress > 0 { return untraced }
    if mode & ModeBits.filter != 0, !hot.recorder.admits(site: site) { return untraced }
    if mode & ModeBits.sink != 0, ft_load_relaxed(hot.pointee.backlog) > Sinks.backlogLimit {
      if mode & ModeBits.dropWhenFull == 0 {
        Sinks.waitForWriter(hot)
      } else if ft_load_relaxed(hot.pointee.backlog) > Sinks.dropBacklogLimit {
        ft_add_relaxed(hot.pointee.dropped, 1)
        return untraced
      }
    }
    var flags = UInt8(truncatingIfNeeded: bits)
    var parent = hot.top
    if parent == 0 {
      let scope = TaskScope.current
      if let scope {
        parent = scope.callID
        flags |= RecordFlags.taskParent
      }
      hot.noteTask(scope: scope)
      let outer = _SpanBridge.externalParent(scope)  // FlowTraceTracing: the span we run in
      if outer != 0 { (parent, flags) = (outer, flags | RecordFlags.taskParent) }
    }
    let seq = hot.pointee.nextSeq &+ 1
    hot.pointee.nextSeq = seq
    let id = UInt64(hot.pointee.index) << 40 | seq
    hot.push(id)
    var callBits = parent == 0 ? bits | CallBits.root : bits
    let address = UInt64(UInt(bitPattern: site.utf8Start))
    if mode & ModeBits.spans != 0 {  // FlowTraceTracing: calls out as spans
      callBits |= _SpanBridge.callBegan(id: id, parent: parent, site: address, bits: bits)
    }
    if bits & CallBits.args != 0 {
      hot.pointee.pendingSite = address
      hot.pointee.pendingParent = parent
      hot.pointee.pendingFlags = flags
      callBits |= CallBits.pending
    } else {
      hot.appendCall(seq: seq, site: address, parent: parent, flags: flags, bits: bits)
    }
    return _TraceCall(id: id, bits: callBits)
  }

  /// Records the call record after its arguments, and publishes both.
  @usableFromInline
  static func _entered(_ bits: UInt32) {
    let hot = ThreadRecorder.current
    if bits & CallBits.span != 0 { _SpanBridge.callEntered(hot) }  // FlowTraceTracing
    hot.appendCall(
      seq: hot.pointee.nextSeq, site: hot.pointee.pendingSite, parent: hot.pointee.pendingParent,
      flags: hot.pointee.pendingFlags, bits: bits)
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
    let hot = ThreadRecorder.current
    if let (kind, bits) = ValueRender.raw(value, argument: true) {
      hot.append(RawRecord(kind: kind, flags: 0, a: 0, b: bits, c: 0))
    } else if let string = ValueRender.string(value) {
      hot.append(RawRecord(kind: .argString, flags: 0, a: 0, b: 0, c: 0), text: string)
    } else if ValueRender.legacyMode {
      let text = hot.render(value)
      hot.append(RawRecord(kind: .argText, flags: 0, a: 0, b: 0, c: 0), text: text)
    } else {
      // Its text now, in the chunk's value bytes (no `String` made, none to free later).
      hot.appendRendered(value, kind: .argValue, a: 0, flags: 0, c: 0)
    }
  }

  /// Records a normal exit whose value is raw bits (or nothing).
  @usableFromInline
  func _end(_ kind: RecordKind, _ value: UInt64) {
    let hot = ThreadRecorder.current
    let exit = hot.popNotingCaught(id)
    let bits = self.bits
    var record = RawRecord(
      kind: bits & CallBits.result != 0 ? kind : .returnUncollected,
      flags: UInt8(truncatingIfNeeded: bits & CallBits.collectMask) | exit, a: id, b: value, c: 0)
    if bits & CallBits.timing != 0 { record.c = ft_ticks() }
    if bits & CallBits.span != 0 {  // FlowTraceTracing
      _SpanBridge.callEnded(hot, id: id, kind: kind, bits: value, text: nil)
    }
    hot.append(record)
    hot.commit()
    if bits & CallBits.root != 0 { hot.rootEnded() }
  }

  @usableFromInline
  func _endString(_ value: String) {
    let hot = ThreadRecorder.current
    let exit = hot.popNotingCaught(id)
    if bits & CallBits.result != 0 {
      hot.finish(
        self, RawRecord(kind: .returnString, flags: 0, a: id, b: 0, c: 0), text: value,
        exit: exit)
    } else {
      hot.finish(
        self, RawRecord(kind: .returnUncollected, flags: 0, a: id, b: 0, c: 0), exit: exit)
    }
  }

  @usableFromInline
  func _returning<T>(_ value: T) {
    if bits & CallBits.result == 0 || T.self == Void.self {
      _end(.returnVoid, 0)
    } else if let (kind, raw) = ValueRender.raw(value, argument: false) {
      _end(kind, raw)
    } else if let string = ValueRender.string(value) {
      _endString(string)
    } else if ValueRender.legacyMode || bits & CallBits.span != 0 {
      let hot = ThreadRecorder.current
      let text = hot.render(value)
      let exit = hot.popNotingCaught(id)
      hot.finish(
        self, RawRecord(kind: .returnText, flags: 0, a: id, b: 0, c: 0), text: text, exit: exit)
    } else {
      // Its text now, in the chunk's value bytes (where `_endKept` keeps a copy).
      _endWithValue(value, renderNow: true)
    }
  }

  /// Records an exit by throwing, and tells the parent (which may then report it caught).
  @usableFromInline
  func _throwing(_ error: any Error) {
    let hot = ThreadRecorder.current
    let exit = hot.pop(id) == nil ? RecordFlags.asyncExit : 0
    if hot.pointee.depth > 0 {
      hot.pointee.stack[hot.pointee.depth &- 1].error = error
    } else if let scope = TaskScope.current {
      scope.childThrew(error)
    }
    let text = hot.describe(error)
    hot.append(RawRecord(kind: .propagated, flags: 0, a: id, b: 0, c: 0), text: text)
    hot.finish(
      self, RawRecord(kind: .returnUncollected, flags: 0, a: id, b: 0, c: 0), exit: exit)
  }
}
