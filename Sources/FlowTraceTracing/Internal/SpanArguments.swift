@_spi(Bridge) import FlowTrace
import Tracing

/// How a span's kind, links and attributes read as a FlowTrace call's arguments and result.
enum SpanArguments {
  /// Labels (`span.kind` when not internal, `span.links` when any, then the attribute keys
  /// sorted) and values.
  static func make(kind: SpanKind, links: Int, attributes: SpanAttributes)
    -> (labels: [String], values: [_ExternalValue])
  {
    var labels: [String] = []
    var values: [_ExternalValue] = []
    if kind != .internal {
      labels.append("span.kind")
      values.append(.text(String(describing: kind)))
    }
    if links > 0 {
      labels.append("span.links")
      values.append(.int(Int64(links)))
    }
    var pairs: [(String, SpanAttribute)] = []
    attributes.forEach { pairs.append(($0, $1)) }
    pairs.sort { $0.0 < $1.0 }
    for (key, attribute) in pairs {
      labels.append(key)
      values.append(externalValue(attribute))
    }
    return (labels, values)
  }

  /// What changed after the call was recorded: `{name: "…", key: value, …}`, or nil.
  static func changes(since state: SpanNode.State) -> String? {
    var parts: [String] = []
    if state.name != state.recordedName { parts.append("name: " + quote(state.name)) }
    var pairs: [(String, SpanAttribute)] = []
    state.attributes.forEach { pairs.append(($0, $1)) }
    pairs.sort { $0.0 < $1.0 }
    for (key, attribute) in pairs
    where state.recordedAttributes[key]?.toSpanAttribute() != attribute {
      parts.append("\(key): \(text(externalValue(attribute)))")
    }
    return parts.isEmpty ? nil : "{" + parts.joined(separator: ", ") + "}"
  }

  static func externalValue(_ attribute: SpanAttribute) -> _ExternalValue {
    switch attribute {
    case .int32(let v): return .int(Int64(v))
    case .int64(let v): return .int(v)
    case .double(let v): return .double(v)
    case .bool(let v): return .bool(v)
    case .string(let v): return .string(v)
    case .stringConvertible(let v): return .string(v.description)
    case .int32Array(let v): return .text("[" + v.map(String.init).joined(separator: ", ") + "]")
    case .int64Array(let v): return .text("[" + v.map(String.init).joined(separator: ", ") + "]")
    case .doubleArray(let v): return .text("[" + v.map { "\($0)" }.joined(separator: ", ") + "]")
    case .boolArray(let v): return .text("[" + v.map { "\($0)" }.joined(separator: ", ") + "]")
    case .stringArray(let v): return .text("[" + v.map(quote).joined(separator: ", ") + "]")
    case .stringConvertibleArray(let v):
      return .text("[" + v.map { quote($0.description) }.joined(separator: ", ") + "]")
    default: return .text(String(describing: attribute))
    }
  }

  static func text(_ value: _ExternalValue) -> String {
    switch value {
    case .int(let v): return String(v)
    case .double(let v): return "\(v)"
    case .bool(let v): return v ? "true" : "false"
    case .string(let v): return quote(v)
    case .text(let v): return v
    }
  }

  static func quote(_ text: String) -> String { String(reflecting: text) }
}
