/// Reads the saved values of one record (arguments or a return value) and prints them as
/// `uftrace replay` does: `8`, `0x7ffd1000`, `"text"`, `'c'`, `1.500000`, `NULL`.
enum UftraceValueText {
  /// The values of `values` read from `data` (the bytes after the record); nil when the data
  /// is shorter than they need. `consumed` is the data's length with its padding.
  static func read(
    _ values: [UftraceArgumentSpec.Value], from data: UnsafeRawBufferPointer,
    symbol: (UInt64) -> String? = { _ in nil }
  ) -> (texts: [String], consumed: Int)? {
    var texts: [String] = []
    var at = 0
    for value in values {
      if value.format == .string {
        guard at + 2 <= data.count else { return nil }
        let length = Int(data[at]) | Int(data[at + 1]) << 8
        guard at + 2 + length <= data.count else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: data[(at + 2)..<(at + 2 + length)])
        texts.append(string(bytes))
        at += align(2 + length, 4)
        continue
      }
      guard at + value.size <= data.count else { return nil }
      var raw: UInt64 = 0
      for i in 0..<min(value.size, 8) { raw |= UInt64(data[at + i]) << (8 * i) }
      // A pointer into a function reads as uftrace shows it: `&work`.
      if value.format == .pointer, raw != 0, let name = symbol(raw) {
        texts.append("&" + name)
      } else {
        texts.append(text(raw, value))
      }
      at += align(value.size, 4)
    }
    return (texts, align(at, 8))
  }

  static func align(_ n: Int, _ to: Int) -> Int { (n + to - 1) / to * to }

  static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    if bytes.count == 4, bytes.allSatisfy({ $0 == 0xFF }) { return "NULL" }
    var out = "\""
    for b in bytes where b != 0 {
      switch b {
      case 0x0A: out += "\\n"
      case 0x09: out += "\\t"
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      default: out.unicodeScalars.append(Unicode.Scalar(b))
      }
    }
    return out + "\""
  }

  /// One integer-like or float value, as uftrace's `%#` formats print it.
  static func text(_ raw: UInt64, _ value: UftraceArgumentSpec.Value) -> String {
    let bits = value.size * 8
    let signed: Int64 =
      bits >= 64 ? Int64(bitPattern: raw) : Int64(bitPattern: raw << (64 - bits)) >> (64 - bits)
    func hex(_ v: UInt64) -> String { v == 0 ? "0" : "0x" + String(v, radix: 16) }
    switch value.format {
    case .auto:
      if signed > 100_000 || signed < -100_000 {
        if raw > 0xffff_0000 && raw <= 0xffff_ffff { return String(Int32(bitPattern: UInt32(raw))) }
        return hex(raw)
      }
      return String(signed)
    case .signed, .enumeration: return String(signed)
    case .unsigned: return raw > 100_000 ? hex(raw) : String(raw)
    case .hex, .pointer: return hex(raw)
    case .octal: return raw == 0 ? "0" : "0" + String(raw, radix: 8)
    case .char:
      let c = UInt8(truncatingIfNeeded: raw)
      if c >= 0x20 && c < 0x7F { return "'" + String(Unicode.Scalar(c)) + "'" }
      return "'\\x" + (c < 16 ? "0" : "") + String(c, radix: 16) + "'"
    case .float:
      let number =
        value.size == 4
        ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
        : Double(bitPattern: raw)
      return fixed(number)
    case .string: return ""
    }
  }

  /// `%f`: six decimals.
  static func fixed(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
    let scaled = (v.magnitude * 1e6).rounded()
    guard scaled < 9e18 else { return String(v) }
    let n = UInt64(scaled)
    let fraction = String(n % 1_000_000)
    return (v < 0 ? "-" : "") + String(n / 1_000_000) + "."
      + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}
