/// Benchmarks only: `true` renders every argument and result the way FlowTrace did before
/// render plans (casts and `String(reflecting:)` on the program's thread, then cut), so a
/// benchmark can show before and after in one run. Set it only while nothing is traced.
@_spi(Benchmarks)
public func _setLegacyValueRendering(_ on: Bool) {
  ValueRender.legacyMode = on
}

/// Benchmarks only: renders `value` by its plan `times` times into one reused stream (the
/// writer's render of a kept value, without the record around it); the bytes written.
@_spi(Benchmarks)
public func _renderRepeatedly<T>(_ value: T, times: Int, limit: Int = 200) -> Int {
  let plan = RenderPlans.plan(for: T.self)
  let store = ByteStore()
  var total = 0
  withUnsafePointer(to: value) { pointer in
    for _ in 0..<times {
      var out = BoundedText(limit: limit, store: store)
      plan.top(UnsafeRawPointer(pointer), into: &out)
      total &+= out.count
    }
  }
  withExtendedLifetime(store) {}
  return total
}
