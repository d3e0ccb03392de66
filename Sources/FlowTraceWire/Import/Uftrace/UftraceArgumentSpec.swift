#if canImport(Glibc)
  import Glibc
#endif

/// The argument specs of a uftrace recording (`-A fib@arg1 -R fib@retval`, as the `info`
/// file keeps them: `fib@arg1;add@arg1,arg2/x`): which values of which functions were saved,
/// in what size and format. The values follow an entry (arguments) or exit (return value)
/// record in spec order: a string as a 2-byte length and its bytes, anything else in its size,
/// each padded to 4 bytes, the whole to 8.
struct UftraceArgumentSpec {
  /// How a value is shown, as `uftrace replay` shows it.
  enum Format: Equatable {
    /// No format given: decimal, or hex past ±100000.
    case auto
    case signed, unsigned, hex, octal, string, char, float, pointer, enumeration
  }

  struct Value: Equatable {
    var format: Format
    /// Bytes of the value (strings: 0, their length is in the data).
    var size: Int
    var isReturn: Bool
  }

  struct Rule {
    var pattern: String
    var values: [Value]
  }

  var rules: [Rule] = []
  var patternType: String

  /// Parses `fib@arg1;add@arg1,arg2` lines (`argspec`, `retspec`, …) in order.
  init(_ lines: [String], patternType: String) {
    self.patternType = patternType
    for line in lines {
      for entry in line.split(separator: ";") {
        guard let at = entry.firstIndex(of: "@") else { continue }
        let pattern = String(entry[..<at])
        let values = entry[entry.index(after: at)...].split(separator: ",").compactMap(
          Self.value)
        if let i = rules.firstIndex(where: { $0.pattern == pattern }) {
          rules[i].values += values
        } else {
          rules.append(Rule(pattern: pattern, values: values))
        }
      }
    }
  }

  /// The values saved for function `name`: the first rule whose pattern matches it.
  func values(for name: String) -> [Value]? {
    rules.first { Self.matches($0.pattern, name, patternType) }?.values
  }

  /// `arg2/x`, `fparg1`, `retval/s`, `arg3/d32` → a value; nil for what is not one.
  static func value(_ text: Substring) -> Value? {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let what = parts.first else { return nil }
    let isReturn = what == "retval"
    let isFloat = what.hasPrefix("fparg")
    guard isReturn || isFloat || what.hasPrefix("arg") else { return nil }
    var format: Format = isFloat ? .float : .auto
    var size = 8
    if parts.count > 1 {
      let spec = parts[1]
      switch spec.first {
      case "d", "i": format = .signed
      case "u": format = .unsigned
      case "x": format = .hex
      case "o": format = .octal
      case "s", "S": format = .string
      case "c": format = .char
      case "f": format = .float
      case "p": format = .pointer
      case "e": format = .enumeration
      default: break
      }
      let bits = Int(spec.dropFirst().prefix { $0.isNumber }) ?? 0
      if format == .enumeration { size = 4 }
      if format == .char { size = 1 }
      if bits > 0 { size = bits == 80 ? 10 : bits / 8 }
      if format == .string { size = 0 }
    }
    return Value(format: format, size: size, isReturn: isReturn)
  }

  /// Whether `pattern` names `name`: exactly, or as a regex (POSIX extended, as uftrace reads
  /// it) or glob when it holds their special characters.
  static func matches(_ pattern: String, _ name: String, _ type: String) -> Bool {
    let special = type == "glob" ? "*?[" : ".?*+-^$|()[]{}"
    guard type != "simple", pattern.contains(where: { special.contains($0) }) else {
      return pattern == name
    }
    if type == "glob" { return fnmatch(pattern, name, 0) == 0 }
    var regex = regex_t()
    guard regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return false }
    defer { regfree(&regex) }
    return regexec(&regex, name, 0, nil, 0) == 0
  }
}
