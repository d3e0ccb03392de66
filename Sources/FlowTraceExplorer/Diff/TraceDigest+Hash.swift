/// The hashes of the digest: fast, not cryptographic (a 64-bit collision could pair two
/// different subtrees; the aligner's own keys are 64-bit hashes too).
extension TraceDigest {
  /// Folds bytes into a hash, eight at a time (their count first, so lists of strings do
  /// not run together).
  @inline(__always)
  static func mix(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let n = bytes.count
    var h = step(seed, UInt64(n))
    var i = 0
    while i + 8 <= n {
      h = step(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    if i < n {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
      }
      h = step(h, tail)
    }
    return h
  }

  /// One word into a hash (a bijection of the hash for each word).
  @inline(__always)
  static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
    return x ^ (x >> 29)
  }

  static func finish(_ h: UInt64) -> UInt64 { DiffSide.finish(h) }
}
