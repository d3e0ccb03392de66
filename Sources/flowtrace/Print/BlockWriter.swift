#if canImport(Glibc)
  import Glibc
#endif

/// Writes blocks of bytes to a file descriptor whole (retrying partial writes and EINTR) and
/// keeps the first error.
struct BlockWriter {
  let fd: Int32
  let name: String
  private(set) var failure: CLIError?

  init(fd: Int32 = 1, name: String = "<stdout>") {
    self.fd = fd
    self.name = name
  }

  /// Writes `bytes`; false after an error.
  mutating func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard failure == nil else { return false }
    guard let base = bytes.baseAddress else { return true }
    var written = 0
    while written < bytes.count {
      let n = Glibc.write(fd, base + written, bytes.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        failure = CLIError("\(name): \(String(cString: strerror(errno)))")
        return false
      }
      written += n
    }
    return true
  }
}
