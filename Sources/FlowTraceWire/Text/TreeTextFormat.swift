/// The pieces of one printed line, shared by every line shape of the tree text format.
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
  func indent(_ depth: Int, to line: inout String) {
    for _ in 0..<depth { line += "  " }
  }

  /// Appends a marker (`→`, `←`, `↯`, `⋯`) in its colour.
  func arrow(_ symbol: String, error: Bool = false, to line: inout String) {
    if color {
      line += error ? TreeTextFormat.red : TreeTextFormat.cyan
      line += symbol
      line += TreeTextFormat.reset
    } else {
      line += symbol
    }
  }

  /// Appends `name(args)`; arguments read as the Swift call site (`b(y: 10)`).
  func call(name: String, labels: [String], args: [String]?, to line: inout String) {
    if color { line += TreeTextFormat.bold }
    line += name
    if color { line += TreeTextFormat.reset }
    line += "("
    if let args {
      for (index, value) in args.enumerated() {
        if index > 0 { line += ", " }
        if index < labels.count, labels[index] != "_", !labels[index].isEmpty {
          line += labels[index]
          line += ": "
        }
        line += value
      }
    }
    line += ")"
  }

  /// Appends ` [0.000265s]` for a duration in nanoseconds.
  func duration(_ nanos: UInt64, to line: inout String) {
    line += " "
    if color { line += TreeTextFormat.yellow }
    line += "["
    line += TreeTextFormat.seconds(nanos)
    line += "s]"
    if color { line += TreeTextFormat.reset }
  }

  /// Appends ` → result`.
  func result(_ text: String, to line: inout String) {
    line += " "
    arrow("→", to: &line)
    line += " "
    if color { line += TreeTextFormat.green }
    line += text
    if color { line += TreeTextFormat.reset }
  }

  /// Appends an error description and its `[caught]`/`[propagated]` tag.
  func error(_ error: CallError, to line: inout String) {
    if color { line += TreeTextFormat.red }
    line += error.description
    if color { line += TreeTextFormat.reset + TreeTextFormat.magenta }
    line += error.disposition == .caught ? " [caught]" : " [propagated]"
    if color { line += TreeTextFormat.reset }
  }

  /// Appends a dimmed note such as a loss marker.
  func note(_ text: String, to line: inout String) {
    if color { line += TreeTextFormat.dim }
    line += text
    if color { line += TreeTextFormat.reset }
  }

  /// Nanoseconds as seconds with six decimals, rounded to the microsecond.
  static func seconds(_ nanos: UInt64) -> String {
    let micros = (nanos &+ 500) / 1000
    let fraction = String(micros % 1_000_000)
    let zeros = String(repeating: "0", count: 6 - fraction.utf8.count)
    return String(micros / 1_000_000) + "." + zeros + fraction
  }
}
