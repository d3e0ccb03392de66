#if canImport(Glibc)
  import Glibc
#endif

/// A buffered byte writer to standard output or a file (created or truncated).
final class OutputStream {
  let name: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  private(set) var buffer: [UInt8] = []
  private let flushThreshold = 1 << 16

  /// Standard output.
  init() {
    name = "<stdout>"
    fd = 1
    ownsDescriptor = false
    buffer.reserveCapacity(flushThreshold * 2)
  }

  /// A file at `path`, or standard output for nil or "-".
  convenience init(path: String?) throws(CLIError) {
    guard let path, path != "-" else {
      self.init()
      return
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
    self.init(fd: fd, name: path)
  }

  private init(fd: Int32, name: String) {
    self.fd = fd
    self.name = name
    ownsDescriptor = true
    buffer.reserveCapacity(flushThreshold * 2)
  }

  deinit {
    try? flush()
    if ownsDescriptor { close(fd) }
  }

  /// Appends bytes, flushing when the buffer is large.
  func write(_ bytes: [UInt8]) throws(CLIError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Appends a string.
  func write(_ text: String) throws(CLIError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Appends through a closure writing into the buffer directly.
  func append(_ body: (inout [UInt8]) -> Void) throws(CLIError) {
    body(&buffer)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Writes out everything buffered.
  func flush() throws(CLIError) {
    var written = 0
    while written < buffer.count {
      let n = buffer.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        let message = String(cString: strerror(errno))
        buffer.removeAll(keepingCapacity: true)
        throw CLIError("\(name): \(message)")
      }
      written += n
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
