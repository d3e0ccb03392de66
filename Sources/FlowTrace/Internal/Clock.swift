import CFlowTraceRuntime

/// Converts `ft_ticks()` values to nanoseconds since the runtime started.
final class TickClock: Sendable {
  static let shared = TickClock()

  let startTicks: UInt64
  let startNanos: UInt64
  /// Nanoseconds per tick, calibrated on first use.
  private let scale = Locked<Double?>(nil)

  init() {
    startTicks = ft_ticks()
    startNanos = ft_monotonic_ns()
  }

  /// CLOCK_MONOTONIC now, in nanoseconds.
  static func monotonicNanos() -> UInt64 { ft_monotonic_ns() }

  /// Nanoseconds since the runtime started.
  func nanos(_ ticks: UInt64) -> UInt64 {
    guard ticks >= startTicks else { return 0 }
    let factor = ft_ticks_are_cycles() != 0 ? ticksScale() : 1
    return UInt64(Double(ticks - startTicks) * factor)
  }

  /// Measures the tick rate against CLOCK_MONOTONIC over at least 20 ms (once).
  private func ticksScale() -> Double {
    scale.withLock { value in
      if let value { return value }
      var nowNanos = ft_monotonic_ns()
      while nowNanos - startNanos < 20_000_000 { nowNanos = ft_monotonic_ns() }
      let nowTicks = ft_ticks()
      let measured = Double(nowNanos - startNanos) / Double(max(1, nowTicks - startTicks))
      value = measured
      return measured
    }
  }
}
