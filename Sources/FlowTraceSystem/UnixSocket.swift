#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Unix-domain stream socket, built once for the runtime (which connects to a viewer) and
/// the viewer (which listens), and for the tests and benchmarks that stand in for either.
/// Every socket is made close-on-exec atomically (`SOCK_CLOEXEC`): setting `FD_CLOEXEC` after
/// `socket()` leaves a window in which a `fork` + `exec` elsewhere in a multithreaded host
/// program inherits it.
package enum UnixSocket {
  /// Bytes `sun_path` can hold, including the terminating NUL.
  package static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

  /// A `sockaddr_un` for `path` and its length, nil when the path is empty or does not fit.
  package static func address(_ path: String) -> (sockaddr_un, socklen_t)? {
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, bytes.count < pathCapacity else { return nil }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path).map { $0 + bytes.count + 1 }
    return (address, socklen_t(length ?? MemoryLayout<sockaddr_un>.size))
  }

  /// A new stream socket, close-on-exec from its creation; -1 with `errno` set on failure.
  package static func makeStream() -> Int32 {
    #if canImport(Glibc)
      return socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      // Darwin has no SOCK_CLOEXEC: the flag follows at once (not exercised here).
      let fd = socket(AF_UNIX, SOCK_STREAM, 0)
      if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      return fd
    #endif
  }

  /// Sets `O_NONBLOCK` on a descriptor.
  package static func setNonBlocking(_ fd: Int32) {
    let current = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, current | O_NONBLOCK)
  }

  /// Binds `fd` to `path`; returns `errno` on failure, 0 on success.
  package static func bind(_ fd: Int32, to path: String) -> Int32 {
    guard case (var address, let length)? = address(path) else { return ENAMETOOLONG }
    let rc = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemBind(fd, $0, length) }
    }
    return rc == 0 ? 0 : errno
  }

  /// Connects `fd` to `path`; returns `errno` on failure, 0 on success.
  package static func connect(_ fd: Int32, to path: String) -> Int32 {
    guard case (var address, let length)? = address(path) else { return ENAMETOOLONG }
    let rc = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, length) }
    }
    return rc == 0 ? 0 : errno
  }

  /// A new socket connected to `path` (blocking: a Unix socket connect completes or fails at
  /// once), or -1.
  package static func connected(to path: String) -> Int32 {
    let fd = makeStream()
    guard fd >= 0 else { return -1 }
    guard connect(fd, to: path) == 0 else {
      close(fd)
      return -1
    }
    return fd
  }

  /// A new socket bound to `path` and listening, or -1 with `errno` set.
  package static func listening(at path: String, backlog: Int32 = 16) -> Int32 {
    let fd = makeStream()
    guard fd >= 0 else { return -1 }
    let code = bind(fd, to: path)
    guard code == 0, listen(fd, backlog) == 0 else {
      let saved = code != 0 ? code : errno
      close(fd)
      errno = saved
      return -1
    }
    return fd
  }

  /// Whether something accepts connections on `path` right now.
  package static func isListening(at path: String) -> Bool {
    let fd = connected(to: path)
    guard fd >= 0 else { return false }
    close(fd)
    return true
  }

  /// The text of an `errno` value.
  package static func describe(_ code: Int32) -> String { Errno.text(code) }
}

// The C calls under names the enum's own `bind` and `connect` do not shadow.
#if canImport(Glibc)
  private let systemBind = Glibc.bind
  private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
  private let systemBind = Darwin.bind
  private let systemConnect = Darwin.connect
#endif
