/// Human-readable durations, percentages and counts for the tree and the detail pane.
public enum Units {
  /// `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`, `2m03s` (three significant digits).
  public static func duration(_ ns: UInt64, ascii: Bool = false) -> String {
    let micro = ascii ? "us" : "µs"
    switch ns {
    case ..<1_000: return "\(ns) ns"
    case ..<1_000_000: return scaled(Double(ns) / 1e3) + " " + micro
    case ..<1_000_000_000: return scaled(Double(ns) / 1e6) + " ms"
    case ..<60_000_000_000: return scaled(Double(ns) / 1e9) + " s"
    default:
      let seconds = ns / 1_000_000_000
      let m = seconds / 60
      let s = seconds % 60
      return "\(m)m" + (s < 10 ? "0" : "") + "\(s)s"
    }
  }

  private static func scaled(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    if value >= 10 { return fixed(value, 1) }
    return fixed(value, 2)
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
  public static func percent(_ ratio: Double) -> String {
    let value = ratio * 100
    return fixed(value, value > 0 && value < 1 ? 2 : 1) + "%"
  }

  /// `1,234,567`.
  public static func count(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 && ch != "-" && out != "-" { out += "," }
      out.append(ch)
    }
    return out
  }
}
