import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh private directory under /tmp, removed (with its files) by `remove()`.
struct LiveTempDir {
  let path: String

  init() {
    var template = Array("/tmp/ft-live-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
      guard let base = buffer.baseAddress else { return nil }
      return mkdtemp(base)
    }
    path = made.map { String(cString: $0) } ?? "/tmp/ft-live-fallback-\(getpid())"
    if made == nil { mkdir(path, 0o700) }
  }

  func file(_ name: String) -> String { "\(path)/\(name)" }

  func remove() {
    guard let dir = opendir(path) else { return }
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { unlink("\(path)/\(name)") }
    }
    closedir(dir)
    rmdir(path)
  }
}

/// A blocking client socket connected to `path`, or -1.
func liveConnect(_ path: String) -> Int32 {
  UnixSocket.connected(to: path)
}

/// Writes all of `bytes` to `fd` (blocking).
@discardableResult
func liveSend(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
  var sent = 0
  while sent < bytes.count {
    let n = bytes[sent...].withUnsafeBytes {
      send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { return false }
    sent += n
  }
  return true
}

/// The file type and permission bits of `path` (lstat), nil when it does not exist.
func liveMode(_ path: String) -> mode_t? {
  var info = stat()
  return lstat(path, &info) == 0 ? info.st_mode : nil
}

/// Reads a whole small file.
func liveReadFile(_ path: String) -> [UInt8]? {
  guard let file = fopen(path, "rb") else { return nil }
  defer { fclose(file) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&chunk, 1, chunk.count, file)
    if n <= 0 { break }
    out += chunk[0..<n]
  }
  return out
}

/// Writes a small file.
func liveWriteFile(_ path: String, _ bytes: [UInt8]) {
  guard let file = fopen(path, "wb") else { return }
  _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
  fclose(file)
}
