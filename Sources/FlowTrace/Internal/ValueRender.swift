/// Turns values into the text a trace shows.
@usableFromInline
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

  /// The value as a `String`, as `value as? String` gives it, with no cast for the types
  /// where it cannot be one (a cast costs ~30 ns, more for a class that fails it).
  static func string<T>(_ value: T) -> String? {
    if T.self == String.self { return unsafeBitCast(value, to: String.self) }
    // Only an optional or an existential (`Any`, `any P`, `AnyObject`) may hold a `String`.
    switch MetadataKind.of(T.self) {
    case MetadataKind.optional, MetadataKind.existential, MetadataKind.extendedExistential:
      return value as? String
    default: return nil
    }
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
    BoundedText.withStream(limit: limit) { out in
      writeQuoted(value, into: &out)
      return out.text
    }
  }

  /// Writes a string as Swift source reads it; a long one only as far as the limit needs.
  static func writeQuoted(_ value: String, into out: inout BoundedText) {
    if StandardText.writeQuotedPrintable(value, into: &out) { return }
    if value.utf8.count > 4 * out.limit + 64 {
      // Escaping looks only at a scalar and what precedes it, so the quoted head is the
      // start of the quoted whole (less the head's closing quote).
      let head = value.prefix(out.limit + 1)
      if head.count == out.limit + 1 {
        var text = String(head).debugDescription
        text.removeLast()
        out.writeSettling(text)
        return
      }
    }
    out.write(value.debugDescription)
  }

  /// The text of a value by the trace's rule (see `RenderPlan`), cut to `limit` characters.
  static func render<T>(_ value: T, limit: Int) -> String {
    if legacyMode { return legacy(value, limit: limit) }
    if let (kind, bits) = raw(value, argument: true) { return format(kind, bits) }
    return BoundedText.withStream(limit: limit) { out in
      write(value, into: &out)
      return out.text
    }
  }

  /// Writes the text of a value by the trace's rule (see `RenderPlan`).
  static func write<T>(_ value: T, into out: inout BoundedText) {
    if legacyMode { return out.writeWhole(legacy(value, limit: out.limit)) }
    if let (kind, bits) = raw(value, argument: true) {
      return out.writeWhole(format(kind, bits))
    }
    let plan = RenderPlans.typed(T.self)
    withUnsafePointer(to: value) { plan.text(UnsafeRawPointer($0), into: &out) }
  }

  /// The top rule for a class or existential: its dynamic type decides, as casts do.
  static func dynamicTop<T>(_ value: T, into out: inout BoundedText) {
    if let string = value as? String {
      writeQuoted(string, into: &out)
    } else if let representable = value as? any TraceRepresentable {
      out.write(representable.traceDescription)
    } else {
      out.write(String(reflecting: value))
    }
  }

  /// Benchmarks only: render every value the way FlowTrace did before render plans, on the
  /// program's thread (`FlowTrace._setLegacyValueRendering`).
  @usableFromInline nonisolated(unsafe) static var legacyMode = false

  /// The rule before render plans: casts on every value, the whole text built, then cut.
  static func legacy<T>(_ value: T, limit: Int) -> String {
    if let (kind, bits) = raw(value, argument: true) { return format(kind, bits) }
    if let string = value as? String { return cut(string.debugDescription, to: limit) }
    if let representable = value as? any TraceRepresentable {
      return cut(representable.traceDescription, to: limit)
    }
    return cut(String(reflecting: value), to: limit)
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

/// Marks a value type whose text depends on more than its value (a `description` that reads a
/// global setting, the clock, a counter): each of its values is rendered, never written from
/// the text of an equal value rendered before (see README, "Equal values are rendered once per
/// thread").
public protocol TraceRenderedEachTime {}
