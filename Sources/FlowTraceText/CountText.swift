/// Counts for people: `1,234,567` (groups of three, a comma between; `-1,204` below zero).
public enum CountText {
  /// `n` with its digits grouped by three.
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = n < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }
}
