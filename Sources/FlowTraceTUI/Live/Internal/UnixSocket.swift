#if canImport(Glibc)
  import Glibc
#endif

/// Thin wrappers over the Unix-domain socket calls the live mode needs.
enum UnixSocket {
  /// Bytes `sun_path` can hold, including the terminating NUL.
  static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

  /// A `sockaddr_un` for `path`, nil when the path does not fit.
  static func address(_ path: String) -> (sockaddr_un, socklen_t)? {
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, bytes.count < pathCapacity else { return nil }
    var addr = sockaddr_un()
    addr.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &addr.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path).map { $0 + bytes.count + 1 }
    return (addr, socklen_t(length ?? MemoryLayout<sockaddr_un>.size))
  }

  /// A new stream socket, close-on-exec; -1 with `errno` set on failure.
  static func makeStream() -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fd
  }

  /// Sets `O_NONBLOCK` on a descriptor.
  static func setNonBlocking(_ fd: Int32) {
    let current = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, current | O_NONBLOCK)
  }

  /// Binds `fd` to `path`; returns `errno` on failure, 0 on success.
  static func bind(_ fd: Int32, to path: String) -> Int32 {
    guard case (var addr, let length)? = address(path) else { return ENAMETOOLONG }
    let rc = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
    }
    return rc == 0 ? 0 : errno
  }

  /// Connects `fd` to `path`; returns `errno` on failure, 0 on success.
  static func connect(_ fd: Int32, to path: String) -> Int32 {
    guard case (var addr, let length)? = address(path) else { return ENAMETOOLONG }
    let rc = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
    }
    return rc == 0 ? 0 : errno
  }

  /// Whether something accepts connections on `path` right now (a blocking probe: a Unix
  /// socket connect completes or fails at once).
  static func isListening(at path: String) -> Bool {
    let fd = makeStream()
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return connect(fd, to: path) == 0
  }

  /// The peer's process id and user id (`SO_PEERCRED`).
  static func peerCredentials(_ fd: Int32) -> (pid: Int32, uid: uid_t)? {
    // `struct ucred { pid_t pid; uid_t uid; gid_t gid; }` (hidden behind _GNU_SOURCE).
    var cred: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
    var length = socklen_t(MemoryLayout.size(ofValue: cred))
    let rc = withUnsafeMutableBytes(of: &cred) {
      getsockopt(fd, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &length)
    }
    guard rc == 0, Int(length) == MemoryLayout.size(ofValue: cred) else { return nil }
    return (cred.pid, uid_t(cred.uid))
  }

  /// The text of an `errno` value.
  static func describe(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
