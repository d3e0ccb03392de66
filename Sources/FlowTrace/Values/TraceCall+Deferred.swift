import CFlowTraceRuntime

// The `Sendable` halves of `_TraceCall.argument`/`returning`: a value type's copy goes into
// the record buffer and the collector renders it (see README "How values are rendered").

extension _TraceCall {
  /// True when a value of `T` is kept for later instead of being rendered or stored raw now.
  @inlinable @inline(__always)
  static func _defers<T>(_ type: T.Type) -> Bool {
    T.self != Int.self && T.self != Double.self && T.self != Bool.self
      && T.self != String.self && T.self != Void.self && Deferral.allowed(T.self)
      && !ValueRender.legacyMode
  }

  @inlinable
  static func _argumentLater<T: Sendable>(_ value: T) {
    if _defers(T.self) {
      _deferred(.argValue, DeferredBox(value))
    } else {
      _argument(value)
    }
  }

  @inlinable
  func _returningLater<T: Sendable>(_ value: T) {
    if bits & CallBits.result != 0, _TraceCall._defers(T.self) {
      _endDeferred(DeferredBox(value))
    } else {
      _returning(value)
    }
  }

  /// Records an argument kept for later.
  @usableFromInline
  static func _deferred(_ kind: RecordKind, _ value: DeferredValue) {
    ThreadRecorder.current.append(value: value, kind: kind, a: 0)
  }

  /// Records a normal exit whose value is kept for later.
  @usableFromInline
  func _endDeferred(_ value: DeferredValue) {
    let hot = ThreadRecorder.current
    let exit = hot.popNotingCaught(id)
    hot.finish(self, value: value, exit: exit)
  }
}

extension UnsafeMutablePointer where Pointee == HotState {
  /// Appends a record holding a retained `DeferredValue` (its address in `b`).
  func append(value: DeferredValue, kind: RecordKind, a: UInt64) {
    let address = UInt64(UInt(bitPattern: Unmanaged.passRetained(value).toOpaque()))
    append(RawRecord(kind: kind, flags: 0, a: a, b: address, c: 0))
    // The chunk now needs its scan when it goes away unread.
    pointee.textsUsed = true
  }

  /// Writes a `returnValue` exit (with its end time), publishes, and prints a finished root.
  func finish(_ call: _TraceCall, value: DeferredValue, exit: UInt8) {
    let address = UInt64(UInt(bitPattern: Unmanaged.passRetained(value).toOpaque()))
    var record = RawRecord(kind: .returnValue, flags: 0, a: call.id, b: address, c: 0)
    record.flags = UInt8(truncatingIfNeeded: call.bits & CallBits.collectMask) | exit
    if call.bits & CallBits.timing != 0 { record.c = ft_ticks() }
    append(record)
    pointee.textsUsed = true
    commit()
    if call.bits & CallBits.root != 0 { rootEnded() }
  }
}
