/// The `info` file of a uftrace data directory: a 40-byte header (`Ftrace!`, version, header
/// size, endianness, ELF class, feature masks) then `key:value` lines: the program, its exit
/// status and the argument specs of `-A`/`-R` (and of `-a`'s automatic ones).
struct UftraceInfo {
  var exename = ""
  var exitStatus: Int32?
  var commandLine = ""
  /// `argspec:` and `retspec:` (`fib@arg1;add@arg1,arg2`), and the automatic ones.
  var argumentSpec = ""
  var returnSpec = ""
  var autoArgumentSpec = ""
  var autoReturnSpec = ""
  /// `regex` (uftrace's default), `glob` or `simple`: how spec patterns match names.
  var patternType = "regex"

  static let magic: [UInt8] = Array("Ftrace!".utf8) + [0]

  /// Reads the info file `bytes` of `source`.
  init(_ bytes: [UInt8], source: String) throws(TraceFormatError) {
    func fail(_ offset: Int, _ message: String) -> TraceFormatError {
      TraceFormatError(source: source, offset: offset, message: message)
    }
    guard bytes.count >= 40, Array(bytes[0..<8]) == Self.magic else {
      throw fail(0, "not a uftrace info file (no Ftrace! magic)")
    }
    let version = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16
    guard version == 3 || version == 4 else {
      throw fail(8, "uftrace data version \(version) is not supported (3 or 4)")
    }
    let headerSize = Int(bytes[12]) | Int(bytes[13]) << 8
    guard bytes[14] == 1 else { throw fail(14, "big-endian uftrace data is not supported") }
    guard bytes[15] == 2 else { throw fail(15, "32-bit uftrace data is not supported") }
    guard headerSize >= 40, headerSize <= bytes.count else {
      throw fail(12, "bad header size \(headerSize)")
    }
    for line in bytes[headerSize...].split(separator: 0x0A) {
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
      let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
      let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
      switch key {
      case "exename": exename = value
      case "exit_status": exitStatus = Int32(value)
      case "cmdline": commandLine = value
      case "argspec" where !value.hasPrefix("lines="): argumentSpec = value
      case "retspec": returnSpec = value
      case "argauto": autoArgumentSpec = value
      case "retauto": autoReturnSpec = value
      case "pattern_type": patternType = value
      default: break
      }
    }
  }
}
