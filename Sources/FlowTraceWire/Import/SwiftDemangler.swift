#if canImport(Glibc)
  import Glibc
#endif

/// Demangles Swift symbols with the Swift runtime's own demangler (`swift_demangle`, looked up
/// in the loaded libswiftCore), then shortens a function to how FlowTrace names a call:
/// `$s3fib3fibyS2iF` → `fib.fib(Swift.Int) -> Swift.Int` → `fib(_:)`.
final class SwiftDemangler: @unchecked Sendable {
  typealias Demangle =
    @convention(c) (
      UnsafePointer<CChar>?, Int, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<Int>?, UInt32
    ) -> UnsafeMutablePointer<CChar>?

  static let shared = SwiftDemangler()
  private let function: Demangle?

  private init() {
    // RTLD_DEFAULT (a null handle): the loaded libswiftCore. No dlopen: opening the main
    // program again with RTLD_NOW would redo its relocations under running threads.
    function = dlsym(nil, "swift_demangle").map { unsafeBitCast($0, to: Demangle.self) }
  }

  /// Whether the runtime's demangler was found.
  var isAvailable: Bool { function != nil }

  /// Whether `name` looks like a mangled Swift symbol.
  static func isMangled(_ name: String) -> Bool {
    name.hasPrefix("$s") || name.hasPrefix("_$s") || name.hasPrefix("$S") || name.hasPrefix("_$S")
      || name.hasPrefix("$e") || name.hasPrefix("_T0")
  }

  /// The short name of a mangled Swift symbol; nil for anything else.
  func demangle(_ name: String) -> String? {
    guard Self.isMangled(name), let full = demangleFully(name) else { return nil }
    return Self.shorten(full) ?? full
  }

  /// The runtime demangler's full text.
  func demangleFully(_ name: String) -> String? {
    guard let function else { return nil }
    return name.withCString { text -> String? in
      guard let out = function(text, strlen(text), nil, nil, 0) else { return nil }
      defer { free(out) }
      let result = String(cString: out)
      return result == name ? nil : result
    }
  }

  /// `[static ]Module.Type.name(Swift.Int, y: Swift.Int) -> R` → `Type.name(_:y:)`; nil for
  /// other shapes (closures, accessors, specializations keep their full text).
  static func shorten(_ full: String) -> String? {
    var text = Substring(full)
    for prefix in ["static ", "dynamic ", "@objc "] where text.hasPrefix(prefix) {
      text = text.dropFirst(prefix.count)
    }
    guard let open = text.firstIndex(of: "("), !text[..<open].contains(" ") else { return nil }
    var depth = 0
    var close: Substring.Index?
    var parameters: [Substring] = []
    var start = text.index(after: open)
    for index in text[open...].indices {
      switch text[index] {
      case "(", "<", "[": depth += 1
      case ")", ">", "]":
        depth -= 1
        if depth == 0 && text[index] == ")" {
          if index > start || !parameters.isEmpty { parameters.append(text[start..<index]) }
          close = index
        }
      case "," where depth == 1:
        parameters.append(text[start..<index])
        start = text.index(after: index)
      default: break
      }
      if close != nil { break }
    }
    guard let close else { return nil }
    let rest = text[text.index(after: close)...]
    guard
      rest.isEmpty || rest.hasPrefix(" ->") || rest.hasPrefix(" throws")
        || rest.hasPrefix(" async") || rest.hasPrefix(" rethrows")
    else { return nil }
    let path = text[..<open].split(separator: ".")
    let name = path.count > 1 ? path.dropFirst().joined(separator: ".") : String(text[..<open])
    let labels = parameters.map { parameter -> String in
      let trimmed = parameter.drop { $0 == " " }
      if let colon = trimmed.firstIndex(of: ":"),
        trimmed[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
      {
        return String(trimmed[..<colon]) + ":"
      }
      return "_:"
    }
    return name + "(" + labels.joined() + ")"
  }
}
