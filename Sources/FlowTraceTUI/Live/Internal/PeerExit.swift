#if canImport(Glibc)
  import Glibc
#endif

/// What the viewer can learn of how a connected process ended without being its parent: a
/// process that ended and is not yet reaped (a zombie) still shows its wait status in
/// `/proc/PID/stat` (field 52, `exit_code`, Linux 3.5 and later).
enum PeerExit {
  /// The wait status of `pid` while it is a zombie; nil when it runs, is gone or unreadable.
  static func zombieStatus(pid: Int32, procRoot: String = "/proc") -> Int32? {
    guard pid > 0, let text = read("\(procRoot)/\(pid)/stat") else { return nil }
    return parseZombieStatus(stat: text)
  }

  /// The wait status from the text of a `/proc/PID/stat` file when its state is `Z`. The
  /// command name (field 2) may hold spaces and parentheses: fields are counted after the
  /// last `)`.
  static func parseZombieStatus(stat: [UInt8]) -> Int32? {
    guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
    let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
    // fields[0] is field 3 (state); field 52 (exit_code) is fields[49].
    guard fields.count > 49, fields[0].first == UInt8(ascii: "Z") else { return nil }
    var value: Int32 = 0
    for byte in fields[49] {
      guard byte >= 0x30 && byte <= 0x39, value < 1 << 24 else {
        if byte == 0x0A { break }
        return nil
      }
      value = value * 10 + Int32(byte - 0x30)
    }
    return value
  }

  private static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 4096)
    let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    return Array(bytes[..<count])
  }
}
