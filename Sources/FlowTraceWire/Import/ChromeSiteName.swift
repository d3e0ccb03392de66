/// A Chrome event's name split into function, file and line when it carries them, as
/// viztracer writes them (`fib (/app/fib.py:3)`); Swift and C++ symbols are demangled.
struct ChromeSiteName {
  var name: String
  var file = ""
  var line: UInt32 = 0

  init(_ text: String, demangle: Bool) {
    name = text
    if let (function, file, line) = Self.split(text) {
      name = function
      self.file = file
      self.line = line
    }
    if demangle, let readable = CxxDemangler.shared.demangle(name) {
      name = readable
    } else if demangle, let readable = SwiftDemangler.shared.demangle(name) {
      name = readable
      // `fib(_:)` reads as FlowTrace names a call: `fib`, with the labels for its arguments.
      if readable.hasSuffix(":)"), let open = readable.firstIndex(of: "(") {
        name = String(readable[..<open])
        labels = readable[readable.index(after: open)..<readable.index(before: readable.endIndex)]
          .split(separator: ":").map(String.init)
      } else if readable.hasSuffix("()"), !readable.contains(" ") {
        name = String(readable.dropLast(2))
        labels = []
      }
    }
  }

  /// The argument labels of a demangled Swift function (`_`, `y`), nil otherwise.
  var labels: [String]?

  /// The labels for a call with arguments labelled `given`: those, or the Swift function's
  /// when the call has none or unnamed ones (uftrace), as many.
  func labels(for given: [String]) -> [String] {
    if let labels, given.isEmpty || labels.count == given.count, given.allSatisfy({ $0 == "_" }) {
      return labels
    }
    return given
  }

  /// `NAME (FILE:LINE)` → its parts; nil for any other shape.
  static func split(_ text: String) -> (String, String, UInt32)? {
    let utf8 = Array(text.utf8)
    guard utf8.last == UInt8(ascii: ")"), let open = utf8.lastIndex(of: UInt8(ascii: "(")),
      open >= 2, utf8[open - 1] == UInt8(ascii: " "),
      let colon = utf8[open..<(utf8.count - 1)].lastIndex(of: UInt8(ascii: ":")),
      colon > open + 1, colon < utf8.count - 2
    else { return nil }
    var line: UInt32 = 0
    for byte in utf8[(colon + 1)..<(utf8.count - 1)] {
      guard byte &- 0x30 < 10, line < 100_000_000 else { return nil }
      line = line * 10 + UInt32(byte &- 0x30)
    }
    let name = String(decoding: utf8[..<(open - 1)], as: UTF8.self)
    let file = String(decoding: utf8[(open + 1)..<colon], as: UTF8.self)
    return (name, file, line)
  }
}
