import FlowTraceText

/// Human-readable durations, percentages and counts for the tree and the detail pane.
package enum Units {
  /// `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`, `2m03s` (three significant digits).
  package static func duration(_ ns: UInt64, ascii: Bool = false) -> String {
    DurationText.short(ns, ascii: ascii, minutes: true)
  }

  /// `value` with `digits` decimals, without Foundation.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    let frac = scaled % Int(scale)
    guard digits > 0 else { return String(whole) }
    let fracText = String(frac)
    return "\(whole)." + String(repeating: "0", count: digits - fracText.count) + fracText
  }

  /// `42.0%` for a ratio of 0.42.
  package static func percent(_ ratio: Double) -> String {
    let value = ratio * 100
    return fixed(value, value > 0 && value < 1 ? 2 : 1) + "%"
  }

  /// `1,234,567`.
  package static func count(_ n: Int) -> String { CountText.grouped(n) }

}
