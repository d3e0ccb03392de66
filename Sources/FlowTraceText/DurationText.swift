/// Durations for people, with three significant digits: `850 ns`, `12.3 µs`, `4.56 ms`,
/// `1.23 s`, `152 s` (or `2m32s` where a column is narrow). One rule for the CLI's summaries,
/// the diff report and the explorer.
public enum DurationText {
  /// `nanos` with three significant digits, rounded half up; a value that rounds up to the
  /// next unit is shown in it (`999,999 ns` is `1.00 ms`). `ascii` writes `us` for `µs`;
  /// `minutes` shows a minute or more as `2m03s`.
  public static func short(_ nanos: UInt64, ascii: Bool = false, minutes: Bool = false) -> String {
    if minutes, nanos >= 59_950_000_000 {
      let seconds = (nanos + 500_000_000) / 1_000_000_000
      let (m, s) = (seconds / 60, seconds % 60)
      return "\(m)m" + (s < 10 ? "0" : "") + "\(s)s"
    }
    let (unit, scale): (String, UInt64) =
      switch nanos {
      case ..<1000: ("ns", 1)
      case ..<999_500: (ascii ? "us" : "µs", 1000)
      case ..<999_500_000: ("ms", 1_000_000)
      default: ("s", 1_000_000_000)
      }
    if scale == 1 { return "\(nanos) ns" }
    // Digits before the point once rounded to three significant digits.
    let decimals = nanos >= 99_950 * (scale / 1000) ? 0 : nanos >= 9_995 * (scale / 1000) ? 1 : 2
    let factor: UInt64 = decimals == 0 ? 1 : decimals == 1 ? 10 : 100
    let rounded = (nanos * factor + scale / 2) / scale  // value × factor, rounded half up
    if decimals == 0 { return "\(rounded) \(unit)" }
    var fraction = String(rounded % factor)
    while fraction.count < decimals { fraction = "0" + fraction }
    return "\(rounded / factor).\(fraction) \(unit)"
  }
}
