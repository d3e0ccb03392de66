/// Small table indices (sites, contexts) in 16 bits a node; the rare index past 65,534 (a trace with
/// that many thread × task contexts) is kept exactly in `overflow`.
struct IndexColumn: Sendable {
  static let overflowed: UInt16 = .max

  private(set) var values = Column<UInt16>()
  private var overflow: [UInt32: UInt32] = [:]

  init() {}

  var count: Int { values.count }

  mutating func append(_ value: UInt32) {
    if value < UInt32(Self.overflowed) {
      values.append(UInt16(value))
    } else {
      overflow[UInt32(values.count)] = value
      values.append(Self.overflowed)
    }
  }

  subscript(node: Int) -> UInt32 {
    let value = values[node]
    return value == Self.overflowed ? overflow[UInt32(node)] ?? 0 : UInt32(value)
  }

  /// Bytes in use.
  var byteCount: Int { values.byteCount + overflow.count * 24 }
}
