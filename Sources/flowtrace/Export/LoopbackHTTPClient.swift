#if canImport(Glibc)
  import Glibc
#endif

/// A minimal HTTP/1.1 client for loopback POSTs: one connection per request
/// (`Connection: close`), the status line parsed from the reply.
struct LoopbackHTTPClient {
  /// Why a request failed; `retryable` for refusals, resets and 429/502/503/504 replies.
  struct Failure: Error {
    var message: String
    var retryable: Bool
  }

  let endpoint: OTLPEndpoint
  /// Send and receive timeout in seconds.
  var timeoutSeconds = 10

  /// POSTs `body` as `contentType`; returns the status code of a 2xx reply.
  func post(_ body: [UInt8], contentType: String) throws(Failure) -> Int {
    let ipv6 = endpoint.host == "::1"
    let fd = socket(
      ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw Failure(message: "socket: \(errnoText())", retryable: false) }
    defer { close(fd) }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected: Int32
    if ipv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = endpoint.port.bigEndian
      address.sin6_addr.__in6_u.__u6_addr8.15 = 1
      connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = endpoint.port.bigEndian
      address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
      connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard connected == 0 else {
      let refused = errno == ECONNREFUSED
      throw Failure(
        message: refused ? "connection refused (is an OTLP receiver listening?)" : errnoText(),
        retryable: true)
    }
    let head =
      "POST \(endpoint.path) HTTP/1.1\r\nHost: \(endpoint.host):\(endpoint.port)\r\n"
      + "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
      + "Connection: close\r\n\r\n"
    try sendAll(fd, Array(head.utf8) + body)
    let reply = try receiveHead(fd)
    return try status(of: reply)
  }

  private func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes { raw in
        send(fd, raw.baseAddress.map { $0 + sent }, raw.count - sent, Int32(MSG_NOSIGNAL))
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { throw Failure(message: "send: \(errnoText())", retryable: true) }
      sent += count
    }
  }

  /// Reads until the end of the reply's head (or the connection closes).
  private func receiveHead(_ fd: Int32) throws(Failure) -> [UInt8] {
    var reply: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while reply.count < 1 << 20 {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count < 0, errno == EINTR { continue }
      if count < 0 { throw Failure(message: "receive: \(errnoText())", retryable: true) }
      if count == 0 { break }
      reply.append(contentsOf: buffer[0..<count])
      if reply.count >= 4, reply.suffix(4) == [13, 10, 13, 10] { break }
      if reply.firstRange(of: [13, 10, 13, 10]) != nil { break }
    }
    return reply
  }

  private func status(of reply: [UInt8]) throws(Failure) -> Int {
    let lineEnd = reply.firstIndex(of: 13) ?? reply.endIndex
    let line = String(decoding: reply[..<lineEnd], as: UTF8.self)
    let parts = line.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else {
      throw Failure(message: "not an HTTP reply: '\(line.prefix(80))'", retryable: false)
    }
    guard (200..<300).contains(code) else {
      throw Failure(
        message: "receiver answered \(line)", retryable: [429, 502, 503, 504].contains(code))
    }
    return code
  }

  private func errnoText() -> String { String(cString: strerror(errno)) }
}
