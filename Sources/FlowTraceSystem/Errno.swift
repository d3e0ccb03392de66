#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of an `errno` value, for messages (`No space left on device`).
package enum Errno {
  /// `strerror(code)`, or `error N` when the C library has no text for it.
  package static func text(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
