/// Packs a duration in nanoseconds into 32 bits: exact below 2^30 ns (~1.07 s), then
/// microseconds (to ~17.9 min), then milliseconds (to ~12.4 days); `unknown` when absent.
enum DurationCode {
  static let unknown: UInt32 = .max
  private static let payloadLimit: UInt64 = 1 << 30

  static func encode(_ nanos: UInt64) -> UInt32 {
    if nanos < payloadLimit { return UInt32(nanos) }
    if nanos / 1_000 < payloadLimit { return 1 << 30 | UInt32(nanos / 1_000) }
    let millis = min(nanos / 1_000_000, payloadLimit - 2)
    return 2 << 30 | UInt32(millis)
  }

  static func decode(_ code: UInt32) -> UInt64? {
    if code == unknown { return nil }
    let payload = UInt64(code & (1 << 30 - 1))
    switch code >> 30 {
    case 0: return payload
    case 1: return payload * 1_000
    default: return payload * 1_000_000
    }
  }
}
