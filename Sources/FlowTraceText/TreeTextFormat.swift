import FlowTraceWire

/// The pieces of one printed line, shared by every line shape of the tree text format.
/// Lines are built as UTF-8 bytes (appending bytes is far cheaper than growing a String).
struct TreeTextFormat {
  let color: Bool

  private static let reset = "\u{1B}[0m"
  private static let dim = "\u{1B}[2m"
  private static let bold = "\u{1B}[1m"
  private static let cyan = "\u{1B}[36m"
  private static let green = "\u{1B}[32m"
  private static let yellow = "\u{1B}[33m"
  private static let red = "\u{1B}[31m"
  private static let magenta = "\u{1B}[35m"

  /// Appends two spaces per level.
  func indent(_ depth: Int, to line: inout [UInt8]) {
    var count = 2 * depth
    while count > 0 {
      let piece = min(count, TreeTextFormat.spaces.count)
      line.append(contentsOf: TreeTextFormat.spaces[..<piece])
      count -= piece
    }
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 128)

  /// Appends a marker (`→`, `←`, `↯`, `⋯`) in its colour.
  func arrow(_ symbol: String, error: Bool = false, to line: inout [UInt8]) {
    if color {
      line.append(contentsOf: (error ? TreeTextFormat.red : TreeTextFormat.cyan).utf8)
      line.append(contentsOf: symbol.utf8)
      line.append(contentsOf: TreeTextFormat.reset.utf8)
    } else {
      line.append(contentsOf: symbol.utf8)
    }
  }

  /// Appends `name(args)`; arguments read as the Swift call site (`b(y: 10)`).
  func call(name: String, labels: [String], args: [String]?, to line: inout [UInt8]) {
    if color { line.append(contentsOf: TreeTextFormat.bold.utf8) }
    Sanitizer.append(name, to: &line)
    if color { line.append(contentsOf: TreeTextFormat.reset.utf8) }
    line.append(0x28)  // (
    if let args {
      for (index, value) in args.enumerated() {
        if index > 0 { line.append(contentsOf: [0x2C, 0x20]) }
        if let label = CallText.shownLabel(at: index, in: labels) {
          Sanitizer.append(label, to: &line)
          line.append(contentsOf: [0x3A, 0x20])
        }
        Sanitizer.append(value, to: &line)
      }
    }
    line.append(0x29)  // )
  }

  /// Appends ` [0.000265s]` for a duration in nanoseconds.
  func duration(_ nanos: UInt64, to line: inout [UInt8]) {
    line.append(0x20)
    if color { line.append(contentsOf: TreeTextFormat.yellow.utf8) }
    line.append(0x5B)  // [
    TreeTextFormat.appendSeconds(nanos, to: &line)
    line.append(contentsOf: [0x73, 0x5D])  // s]
    if color { line.append(contentsOf: TreeTextFormat.reset.utf8) }
  }

  /// Appends ` → result`.
  func result(_ text: String, to line: inout [UInt8]) {
    line.append(0x20)
    arrow("→", to: &line)
    line.append(0x20)
    if color { line.append(contentsOf: TreeTextFormat.green.utf8) }
    Sanitizer.append(text, to: &line)
    if color { line.append(contentsOf: TreeTextFormat.reset.utf8) }
  }

  /// Appends an error description and its `[caught]`/`[propagated]` tag.
  func error(_ error: CallError, to line: inout [UInt8]) {
    if color { line.append(contentsOf: TreeTextFormat.red.utf8) }
    Sanitizer.append(error.description, to: &line)
    if color { line.append(contentsOf: (TreeTextFormat.reset + TreeTextFormat.magenta).utf8) }
    line.append(contentsOf: (error.disposition == .caught ? " [caught]" : " [propagated]").utf8)
    if color { line.append(contentsOf: TreeTextFormat.reset.utf8) }
  }

  /// Appends a dimmed note such as a loss marker.
  func note(_ text: String, to line: inout [UInt8]) {
    if color { line.append(contentsOf: TreeTextFormat.dim.utf8) }
    line.append(contentsOf: text.utf8)
    if color { line.append(contentsOf: TreeTextFormat.reset.utf8) }
  }

  /// Appends nanoseconds as seconds with six decimals, rounded to the microsecond.
  static func appendSeconds(_ nanos: UInt64, to line: inout [UInt8]) {
    let micros = (nanos &+ 500) / 1000
    var whole = micros / 1_000_000
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { raw in
      repeat {
        raw[count] = UInt8(truncatingIfNeeded: whole % 10) &+ 0x30
        whole /= 10
        count += 1
      } while whole > 0 && count < 8
      for index in stride(from: count - 1, through: 0, by: -1) { line.append(raw[index]) }
    }
    if whole > 0 { line.insert(contentsOf: String(whole).utf8, at: line.count - count) }
    line.append(0x2E)  // .
    var fraction = micros % 1_000_000
    var divisor: UInt64 = 100_000
    for _ in 0..<6 {
      line.append(UInt8(truncatingIfNeeded: fraction / divisor) &+ 0x30)
      fraction %= divisor
      divisor /= 10
    }
  }

  /// Nanoseconds as seconds with six decimals, rounded to the microsecond.
  static func seconds(_ nanos: UInt64) -> String {
    let micros = (nanos &+ 500) / 1000
    let fraction = String(micros % 1_000_000)
    let zeros = String(repeating: "0", count: 6 - fraction.utf8.count)
    return String(micros / 1_000_000) + "." + zeros + fraction
  }
}
