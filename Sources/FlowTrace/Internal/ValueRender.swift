/// Turns values into the text a trace shows.
enum ValueRender {
  /// Int, Double and Bool as raw record bits (formatted later), or nil for other types.
  static func raw<T>(_ value: T, argument: Bool) -> (RecordKind, UInt64)? {
    if T.self == Int.self {
      return (argument ? .argInt : .returnInt, UInt64(bitPattern: Int64(value as! Int)))
    }
    if T.self == Double.self {
      return (argument ? .argDouble : .returnDouble, (value as! Double).bitPattern)
    }
    if T.self == Bool.self {
      return (argument ? .argBool : .returnBool, (value as! Bool) ? 1 : 0)
    }
    return nil
  }

  /// Formats raw bits stored by `raw` (or by the typed fast paths).
  static func format(_ kind: RecordKind, _ bits: UInt64) -> String {
    switch kind {
    case .argInt, .returnInt: return String(Int64(bitPattern: bits))
    case .argDouble, .returnDouble: return String(describing: Double(bitPattern: bits))
    case .argBool, .returnBool: return bits != 0 ? "true" : "false"
    default: return ""
    }
  }

  /// A string as Swift source reads it (`"a\"b"`), cut to the limit.
  static func quoted(_ value: String, limit: Int) -> String {
    cut(value.debugDescription, to: limit)
  }

  /// Cuts text longer than `limit` characters to `limit - 1` characters and `…`.
  static func cut(_ text: String, to limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    var count = 0
    var end = text.startIndex
    while end < text.endIndex, count < limit {
      end = text.index(after: end)
      count += 1
    }
    guard end < text.endIndex else { return text }
    return String(text[..<text.index(before: end)]) + "…"
  }
}

/// Lets a type choose how it appears in traces (instead of `String(reflecting:)`).
public protocol TraceRepresentable {
  /// The text shown for this value in a trace.
  var traceDescription: String { get }
}
