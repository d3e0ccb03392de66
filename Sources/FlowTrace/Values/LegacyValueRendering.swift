/// Benchmarks only: `true` renders every argument and result the way FlowTrace did before
/// render plans (casts and `String(reflecting:)` on the program's thread, then cut), so a
/// benchmark can show before and after in one run. Set it only while nothing is traced.
@_spi(Benchmarks)
public func _setLegacyValueRendering(_ on: Bool) {
  ValueRender.legacyMode = on
}

/// Benchmarks only: renders `value` by its plan `times` times into one reused stream (the
/// writer's render of a kept value, without the record around it); the bytes written. With
/// `kept`, as a thread that keeps texts renders it (`ValueTexts`: found again after the first).
@_spi(Benchmarks)
public func _renderRepeatedly<T>(_ value: T, times: Int, limit: Int = 200, kept: Bool = false)
  -> Int
{
  let plan = RenderPlans.plan(for: T.self)
  if kept { _ = ThreadRecorder.current }
  let store = ByteStore()
  var total = 0
  withUnsafePointer(to: value) { pointer in
    for _ in 0..<times {
      var out = BoundedText(limit: limit, store: store)
      if kept {
        plan.text(UnsafeRawPointer(pointer), into: &out)
      } else {
        plan.top(UnsafeRawPointer(pointer), into: &out)
      }
      total &+= out.count
    }
  }
  withExtendedLifetime(store) {}
  return total
}
