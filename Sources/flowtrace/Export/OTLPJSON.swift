/// Pieces of OTLP/JSON (the protobuf JSON mapping with the OTLP exceptions: ids in hex,
/// enums as integers, 64-bit integers as strings).
extension [UInt8] {
  /// Appends `{"key":K,"value":{"stringValue":V}}`.
  mutating func appendOTLPAttribute(_ key: String, string value: String) {
    append(contentsOf: #"{"key":"#.utf8)
    appendJSON(key)
    append(contentsOf: #","value":{"stringValue":"#.utf8)
    appendJSON(value)
    append(contentsOf: "}}".utf8)
  }

  /// Appends `{"key":K,"value":{"intValue":"V"}}`.
  mutating func appendOTLPAttribute(_ key: String, int value: Int64) {
    append(contentsOf: #"{"key":"#.utf8)
    appendJSON(key)
    append(contentsOf: #","value":{"intValue":""#.utf8)
    append(contentsOf: String(value).utf8)
    append(contentsOf: "\"}}".utf8)
  }

  /// Appends `{"key":K,"value":{"boolValue":V}}`.
  mutating func appendOTLPAttribute(_ key: String, bool value: Bool) {
    append(contentsOf: #"{"key":"#.utf8)
    appendJSON(key)
    append(contentsOf: #","value":{"boolValue":"#.utf8)
    append(contentsOf: (value ? "true" : "false").utf8)
    append(contentsOf: "}}".utf8)
  }

  /// Appends `"name":"<decimal>"` (a fixed64 as OTLP/JSON writes it).
  mutating func appendOTLPNanos(_ name: String, _ value: UInt64) {
    appendJSON(name)
    append(contentsOf: ":\"".utf8)
    append(contentsOf: String(value).utf8)
    append(UInt8(ascii: "\""))
  }
}

/// Appends comma-separated elements to a JSON array being built.
struct JSONListBuilder {
  private var count = 0

  /// Writes the separator before an element after the first.
  mutating func next(_ bytes: inout [UInt8]) {
    if count > 0 { bytes.append(UInt8(ascii: ",")) }
    count += 1
  }
}
