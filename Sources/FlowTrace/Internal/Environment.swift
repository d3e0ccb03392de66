import Glibc

/// Reads the process environment without Foundation.
enum Environment {
  static func get(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
  }
}
