#if canImport(Glibc)
  import Glibc
#endif

/// Demangles C++ symbols (`_ZN2ns3fooEi`) with the C++ runtime's `__cxa_demangle`, looked up
/// in the loaded libstdc++ (the Swift runtime links it on Linux), then drops the parameter
/// list as `uftrace replay` shows names: `ns::foo`.
final class CxxDemangler: @unchecked Sendable {
  typealias Demangle =
    @convention(c) (
      UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<Int>?,
      UnsafeMutablePointer<Int32>?
    ) -> UnsafeMutablePointer<CChar>?

  static let shared = CxxDemangler()
  private let function: Demangle?

  private init() {
    function = dlsym(nil, "__cxa_demangle").map { unsafeBitCast($0, to: Demangle.self) }
  }

  /// The short name of a mangled C++ symbol; nil for anything else or when no demangler.
  func demangle(_ name: String) -> String? {
    guard name.hasPrefix("_Z"), let function else { return nil }
    var status: Int32 = 0
    guard let out = function(name, nil, nil, &status), status == 0 else { return nil }
    defer { free(out) }
    return Self.dropParameters(String(cString: out))
  }

  /// `ns::foo(int, char) const` → `ns::foo`; other shapes unchanged.
  static func dropParameters(_ full: String) -> String {
    var text = Substring(full)
    if text.hasSuffix(" const") { text = text.dropLast(6) }
    guard text.last == ")" else { return String(text) }
    var depth = 0
    var index = text.endIndex
    while index > text.startIndex {
      index = text.index(before: index)
      if text[index] == ")" { depth += 1 }
      if text[index] == "(" {
        depth -= 1
        if depth == 0 { return index == text.startIndex ? String(text) : String(text[..<index]) }
      }
    }
    return String(text)
  }
}
