/// Benchmarks only: `true` renders every argument and result the way FlowTrace did before
/// render plans (casts and `String(reflecting:)` on the program's thread, then cut), so a
/// benchmark can show before and after in one run. Set it only while nothing is traced.
@_spi(Benchmarks)
public func _setLegacyValueRendering(_ on: Bool) {
  ValueRender.legacyMode = on
}
