#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one-line requests and replies of the attach socket (`AttachProtocol`).
package enum AttachLine {
  /// Reads one line (without its newline) within `timeoutMs`; nil on timeout, end of file,
  /// error or a line longer than `AttachProtocol.maxLine`.
  package static func read(_ fd: Int32, timeoutMs: Int32) -> String? {
    var bytes: [UInt8] = []
    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while bytes.count < AttachProtocol.maxLine {
      guard poll(&waiting, 1, timeoutMs) > 0 else { return nil }
      var byte: UInt8 = 0
      let count = recv(fd, &byte, 1, Int32(MSG_DONTWAIT))
      if count < 0, errno == EAGAIN || errno == EINTR { continue }
      guard count == 1 else { return nil }
      if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return nil
  }

  /// Sends `text` whole (a short line on a fresh socket); false when the peer went away.
  @discardableResult
  package static func write(_ text: String, to fd: Int32) -> Bool {
    var sent = 0
    let bytes = Array(text.utf8)
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return false }
      sent += count
    }
    return true
  }
}
