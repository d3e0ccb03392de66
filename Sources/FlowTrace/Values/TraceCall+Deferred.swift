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
      _kept(.argValue, value)
    } else {
      _argument(value)
    }
  }

  @inlinable
  func _returningLater<T: Sendable>(_ value: T) {
    // A call made a span (FlowTraceTracing) hands its result to the span now.
    if bits & (CallBits.result | CallBits.span) == CallBits.result, _TraceCall._defers(T.self) {
      _endKept(value)
    } else {
      _returning(value)
    }
  }

  /// Records an argument kept for later.
  @usableFromInline
  static func _kept<T>(_ kind: RecordKind, _ value: T) {
    ThreadRecorder.current.append(value: value, kind: kind, a: 0, flags: 0, c: 0)
  }

  /// Records a normal exit whose value is kept for later.
  @usableFromInline
  func _endKept<T>(_ value: T) {
    _endWithValue(value, renderNow: false)
  }

  /// Records a normal exit with a `returnValue` record: the value's text rendered now, or
  /// (`renderNow` false) a copy kept for later.
  func _endWithValue<T>(_ value: T, renderNow: Bool) {
    let hot = ThreadRecorder.current
    let exit = hot.popNotingCaught(id)
    let flags = UInt8(truncatingIfNeeded: bits & CallBits.collectMask) | exit
    let ticks = bits & CallBits.timing != 0 ? ft_ticks() : 0
    if renderNow {
      hot.appendRendered(value, kind: .returnValue, a: id, flags: flags, c: ticks)
    } else {
      hot.append(value: value, kind: .returnValue, a: id, flags: flags, c: ticks)
    }
    hot.commit()
    if bits & CallBits.root != 0 { hot.rootEnded() }
  }
}
