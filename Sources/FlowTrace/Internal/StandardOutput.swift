import CFlowTraceRuntime

/// Standard output as a text stream (the same `FILE*` as `print`).
struct StandardOutput: TextOutputStream {
  /// Gives the value a real address: ThreadSanitizer's check of an `inout` access to a
  /// zero-sized value can fault on the arbitrary address it gets.
  private var storage: UInt8 = 0

  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { ft_stdout_write($0.baseAddress, $0.count) }
  }
}
