/// Formats nanoseconds for people with three significant digits: `850 ns`, `12.3 µs`,
/// `4.56 ms`, `1.23 s`, `152 s`.
func formatDuration(_ nanos: UInt64) -> String {
  let (unit, scale): (String, UInt64) =
    switch nanos {
    case ..<1000: ("ns", 1)
    case ..<999_500: ("µs", 1000)
    case ..<999_500_000: ("ms", 1_000_000)
    default: ("s", 1_000_000_000)
    }
  if scale == 1 { return "\(nanos) ns" }
  let whole = nanos / scale
  let decimals = whole >= 100 ? 0 : whole >= 10 ? 1 : 2
  let factor: UInt64 = decimals == 0 ? 1 : decimals == 1 ? 10 : 100
  let rounded = (nanos * factor + scale / 2) / scale  // value × factor, rounded half up
  if decimals == 0 { return "\(rounded) \(unit)" }
  var fraction = String(rounded % factor)
  while fraction.count < decimals { fraction = "0" + fraction }
  return "\(rounded / factor).\(fraction) \(unit)"
}
