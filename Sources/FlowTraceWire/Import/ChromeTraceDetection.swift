extension ChromeTraceReader {
  /// Whether a file that starts with `prefix` is a Chrome trace rather than FlowTrace JSON
  /// Lines: a `[` array, or a `{` object that mentions `"traceEvents"` and whose first line is
  /// not a FlowTrace header.
  public static func looksLikeChromeTrace(_ prefix: UnsafeRawBufferPointer) -> Bool {
    guard
      let first = prefix.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
    else { return false }
    if prefix[first] == UInt8(ascii: "[") { return true }
    guard prefix[first] == UInt8(ascii: "{") else { return false }
    let window = UnsafeRawBufferPointer(
      rebasing: prefix[first..<min(prefix.count, first + (64 << 10))])
    let lineEnd = window.firstIndex(of: 0x0A) ?? window.endIndex
    let firstLine = UnsafeRawBufferPointer(rebasing: window[..<lineEnd])
    if contains(firstLine, "\"header\"") && contains(firstLine, "\"type\"") { return false }
    return contains(window, "\"traceEvents\"")
  }

  static func contains(_ bytes: UnsafeRawBufferPointer, _ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard bytes.count >= needle.count, let head = needle.first else { return false }
    var i = 0
    while i <= bytes.count - needle.count {
      if bytes[i] == head {
        var j = 1
        while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
  }
}
