import FlowTraceWire

/// Trace and span ids for the OTLP export, derived from the trace file alone: the same file
/// always exports the same ids, and every id is W3C-valid (lowercase hex, not all zeros).
///
/// One trace per root call: a span's trace id comes from its root call; its span id from its
/// own call id. Both mix a seed taken from the header (program, pid, start time).
struct OTLPIdentity {
  private let seed: UInt64

  init(header: TraceHeader?) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func feed(_ bytes: some Sequence<UInt8>) {
      for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
    }
    if let header {
      feed(header.program.utf8)
      feed(String(header.pid).utf8)
      feed(String(header.startWallNanos).utf8)
    }
    seed = hash
  }

  /// 16 hex digits (8 bytes) for the call `id`.
  func spanID(_ id: UInt64) -> String {
    Self.hex(nonZero(Self.mix(seed ^ Self.mix(id))))
  }

  /// 32 hex digits (16 bytes) for the tree whose root call is `root`.
  func traceID(root: UInt64) -> String {
    let high = Self.mix(seed &+ 0x9e37_79b9_7f4a_7c15 ^ Self.mix(root))
    let low = Self.mix(high ^ root)
    return Self.hex(high) + Self.hex(nonZero(low))
  }

  private func nonZero(_ value: UInt64) -> UInt64 { value == 0 ? 1 : value }

  /// SplitMix64's finaliser.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  static func hex(_ value: UInt64) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var bytes = [UInt8](repeating: 0, count: 16)
    for index in 0..<16 {
      bytes[15 - index] = digits[Int((value >> (UInt64(index) * 4)) & 0xF)]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
