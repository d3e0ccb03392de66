#if canImport(Glibc)
  import Glibc
#endif

/// File access for the uftrace reader: whole small files, directory listings.
enum UftraceDirectory {
  /// The bytes of `path`; throws naming the file when it cannot be read.
  static func bytes(_ path: String) throws(TraceFormatError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw TraceFormatError(source: path, offset: 0, message: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    var info = stat()
    var out: [UInt8] = []
    if fstat(fd, &info) == 0 { out.reserveCapacity(Int(info.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw TraceFormatError(
          source: path, offset: out.count, message: String(cString: strerror(errno)))
      }
      if n == 0 { return out }
      out.append(contentsOf: chunk[0..<n])
    }
  }

  /// The text of `path`, or nil when it does not exist.
  static func text(_ path: String) -> String? {
    guard access(path, R_OK) == 0, let bytes = try? bytes(path) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The names in directory `path`; nil when it is not a readable directory.
  static func names(_ path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
