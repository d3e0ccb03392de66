import FlowTraceWire

/// Makes text from a trace safe to show: control, escape and bidirectional-override
/// characters become visible escapes (`\e`, `\x07`, `\u{202E}`), never raw bytes.
public enum Sanitizer {
  /// `text` with every unsafe scalar escaped; in `ascii` mode every non-ASCII scalar too.
  public static func clean(_ text: String, ascii: Bool = false) -> String {
    if isSafe(text, ascii: ascii) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if let escaped = escape(scalar, ascii: ascii) {
        out += escaped
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Appends `text`'s UTF-8 bytes to `line` with every unsafe scalar escaped (the tree text
  /// printers use it for every string that comes from a trace).
  public static func append(_ text: String, to line: inout [UInt8]) {
    if isSafe(text, ascii: false) {
      line.append(contentsOf: text.utf8)
    } else {
      line.append(contentsOf: clean(text).utf8)
    }
  }

  /// Appends UTF-8 bytes from a trace (invalid sequences repaired) with unsafe scalars escaped.
  public static func append(utf8 bytes: UnsafeRawBufferPointer, to line: inout [UInt8]) {
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      line.append(contentsOf: bytes)
    } else {
      append(String(decoding: bytes, as: UTF8.self), to: &line)
    }
  }

  /// True when `clean` would return `text` unchanged (fast path for plain ASCII names).
  static func isSafe(_ text: String, ascii: Bool) -> Bool {
    for byte in text.utf8 {
      if byte < 0x20 || byte == 0x7F { return false }
      if byte >= 0x80 { return slowIsSafe(text, ascii: ascii) }
    }
    return true
  }

  private static func slowIsSafe(_ text: String, ascii: Bool) -> Bool {
    !text.unicodeScalars.contains { escape($0, ascii: ascii) != nil }
  }

  /// The escape for one scalar, or nil when it may be shown as is.
  static func escape(_ scalar: Unicode.Scalar, ascii: Bool) -> String? {
    let v = scalar.value
    switch v {
    case 0x1B: return "\\e"
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0x09: return "\\t"
    case 0x00..<0x20, 0x7F: return "\\x" + hex(v, digits: 2)
    case 0x80..<0xA0: return "\\u{" + hex(v, digits: 2) + "}"
    // Bidirectional embeddings, overrides and isolates; line/paragraph separators.
    case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F:
      return "\\u{" + hex(v, digits: 4) + "}"
    default:
      if ascii && v >= 0x80 { return "\\u{" + hex(v, digits: 4) + "}" }
      return nil
    }
  }

  private static func hex(_ v: UInt32, digits: Int) -> String {
    let s = String(v, radix: 16, uppercase: false)
    return String(repeating: "0", count: max(0, digits - s.count)) + s
  }
}
