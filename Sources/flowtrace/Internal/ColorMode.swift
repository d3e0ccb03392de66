import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// `--color auto|always|never` for the commands that print tree text.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
  case auto
  case always
  case never

  /// Whether standard output gets colour: `auto` honours `NO_COLOR`, `TERM=dumb` and a
  /// terminal on file descriptor 1.
  var colorsStandardOutput: Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
      if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
      return isatty(1) != 0
    }
  }
}
