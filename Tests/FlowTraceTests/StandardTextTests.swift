import Testing

@testable import FlowTrace

/// The word-at-a-time test of strings quoted without escapes, against the byte rule.
@Suite struct StandardTextTests {
  private func byteRule(_ bytes: [UInt8]) -> Bool {
    bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 && $0 != 0x5C }
  }

  @Test func everyByteAtEveryPlace() {
    for length in [1, 7, 8, 9, 16, 19] {
      for place in 0..<length {
        for byte in 0...255 {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          bytes[place] = UInt8(byte)
          let fast = bytes.withUnsafeBufferPointer { StandardText.needsNoEscape($0) }
          #expect(fast == byteRule(bytes), "byte \(byte) at \(place) of \(length)")
        }
      }
    }
  }

  @Test func randomBytes() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...40, using: &generator)
      // Mostly printable, so that both answers come up.
      let bytes = (0..<length).map { _ in
        Bool.random(using: &generator)
          ? UInt8.random(in: 0x20...0x7E, using: &generator)
          : UInt8.random(in: 0...255, using: &generator)
      }
      let fast = bytes.withUnsafeBufferPointer { StandardText.needsNoEscape($0) }
      #expect(fast == byteRule(bytes), "\(bytes)")
    }
  }
}
