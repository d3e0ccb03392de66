#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A trace file mapped into memory, in either format (binary or JSON Lines, told apart by the
/// first byte: the binary magic or `{`).
public final class TraceFile {
  /// The path it was opened from.
  public let path: String
  /// The file's bytes (valid while this object lives).
  public let bytes: UnsafeRawBufferPointer
  /// The detected format.
  public let format: TraceFileFormat
  private let mapped: Bool

  private init(path: String, bytes: UnsafeRawBufferPointer, mapped: Bool) {
    self.path = path
    self.bytes = bytes
    self.mapped = mapped
    self.format = TraceFileFormat.detect(bytes)
  }

  deinit {
    if mapped, let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }

  /// Opens and memory-maps `path`.
  public static func open(_ path: String) throws(TraceFileError) -> TraceFile {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw TraceFileError(path: path, errno: errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw TraceFileError(path: path, errno: errno) }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw TraceFileError(path: path, message: "not a regular file")
    }
    let size = Int(info.st_size)
    if size == 0 {
      return TraceFile(
        path: path, bytes: UnsafeRawBufferPointer(start: nil, count: 0), mapped: false)
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      throw TraceFileError(path: path, errno: errno)
    }
    _ = madvise(base, size, MADV_SEQUENTIAL)
    return TraceFile(
      path: path, bytes: UnsafeRawBufferPointer(start: base, count: size), mapped: true)
  }

  /// Decodes a binary file through `visitor` (the fast path); returns the finished decoder.
  @inlinable
  public func decodeBinary<V: TraceVisitor>(
    into visitor: inout V
  ) throws(TraceFormatError) -> TraceDecoder {
    var decoder = TraceDecoder(source: path)
    try decoder.decode(bytes, into: &visitor)
    return decoder
  }

  /// Reads every event, whatever the format; returns the header. Events before a bad record
  /// or line have been delivered when the error is thrown.
  @discardableResult
  public func forEachEvent(
    _ body: (TraceEvent) -> Void
  ) throws(TraceFormatError) -> TraceHeader? {
    switch format {
    case .binary:
      let result: Result<TraceHeader?, TraceFormatError> = withoutActuallyEscaping(body) {
        handler in
        var visitor = EventVisitor(handler)
        do throws(TraceFormatError) {
          _ = try decodeBinary(into: &visitor)
          return .success(visitor.header)
        } catch {
          return .failure(error)
        }
      }
      return try result.get()
    case .jsonLines:
      var decoder = JSONLinesDecoder(source: path)
      return try decoder.decode(bytes, body)
    }
  }
}

/// The two on-disk forms of a trace.
public enum TraceFileFormat: Sendable, Equatable {
  case binary
  case jsonLines

  /// JSON Lines when the first non-blank byte is `{`, binary otherwise.
  public static func detect(_ bytes: UnsafeRawBufferPointer) -> TraceFileFormat {
    for byte in bytes {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
      case UInt8(ascii: "{"): return .jsonLines
      default: return .binary
      }
    }
    return .binary
  }
}

/// A trace file that could not be opened.
public struct TraceFileError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  init(path: String, errno code: Int32) {
    self.init(path: path, message: String(cString: strerror(code)))
  }

  public var description: String { "\(path): \(message)" }
}
