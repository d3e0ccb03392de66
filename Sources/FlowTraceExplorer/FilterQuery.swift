/// A parsed filter: `fib -parse* >1ms <10us err depth:5 thread:3 task:2`. Terms are AND-ed.
/// A word is a glob (`*`, `?`) on the qualified name or on its last component; `-glob` hides
/// matching calls with their subtrees; ancestors of kept calls stay visible.
public struct FilterQuery: Sendable, Equatable, CustomStringConvertible {
  /// One term of the language.
  public enum Term: Sendable, Equatable {
    /// Keep calls whose name matches.
    case name(String)
    /// Hide calls whose name matches, with their subtrees.
    case exclude(String)
    /// Keep calls longer than this many ns.
    case longerThan(UInt64)
    /// Keep calls shorter than this many ns.
    case shorterThan(UInt64)
    /// Keep calls that threw or caught.
    case error
    /// Keep calls at most this deep (root calls are depth 1).
    case maxDepth(Int)
    case thread(UInt32)
    case task(UInt64)
  }

  public var terms: [Term]
  /// The text it was parsed from.
  public var source: String

  public var description: String { source }

  /// Whether the query has no terms (an empty filter clears filtering).
  public var isEmpty: Bool { terms.isEmpty }

  /// Parses the filter language.
  public init(parsing text: String) throws(FilterParseError) {
    source = text
    terms = []
    var column = 1
    var token = ""
    var tokenColumn = 1
    for character in text + " " {
      if character == " " || character == "\t" {
        if !token.isEmpty { terms.append(try Self.term(token, column: tokenColumn)) }
        token = ""
      } else {
        if token.isEmpty { tokenColumn = column }
        token.append(character)
      }
      column += 1
    }
  }

  public init(terms: [Term], source: String = "") {
    self.terms = terms
    self.source = source
  }

  static func term(_ token: String, column: Int) throws(FilterParseError) -> Term {
    if token == "err" { return .error }
    if let first = token.first, first == ">" || first == "<" {
      let nanos = try duration(String(token.dropFirst()), token: token, column: column)
      return first == ">" ? .longerThan(nanos) : .shorterThan(nanos)
    }
    if token.hasPrefix("-") {
      let glob = String(token.dropFirst())
      guard !glob.isEmpty else {
        throw FilterParseError(.emptyExclusion, token: token, column: column)
      }
      return .exclude(glob)
    }
    if let colon = token.firstIndex(of: ":") {
      let key = String(token[..<colon])
      let value = String(token[token.index(after: colon)...])
      let valueColumn = column + key.count + 1
      switch key {
      case "depth":
        guard let n = Int(value), n >= 0 else {
          throw FilterParseError(.badNumber, token: token, column: valueColumn)
        }
        return .maxDepth(n)
      case "thread":
        guard let n = UInt32(value) else {
          throw FilterParseError(.badNumber, token: token, column: valueColumn)
        }
        return .thread(n)
      case "task":
        guard let n = UInt64(value) else {
          throw FilterParseError(.badNumber, token: token, column: valueColumn)
        }
        return .task(n)
      default:
        throw FilterParseError(.unknownKey(key), token: token, column: column)
      }
    }
    return .name(token)
  }

  static func duration(_ text: String, token: String, column: Int) throws(FilterParseError)
    -> UInt64
  {
    let digits = text.prefix { $0.isNumber || $0 == "." }
    let unit = text.dropFirst(digits.count)
    guard !digits.isEmpty, let value = Double(digits), value.isFinite else {
      throw FilterParseError(.badDuration, token: token, column: column + 1)
    }
    let scale: Double
    switch unit {
    case "ns": scale = 1
    case "us", "µs": scale = 1_000
    case "ms": scale = 1_000_000
    case "s": scale = 1_000_000_000
    case "": throw FilterParseError(.missingUnit, token: token, column: column + 1 + digits.count)
    default:
      throw FilterParseError(
        .unknownUnit(String(unit)), token: token, column: column + 1 + digits.count)
    }
    let nanos = value * scale
    return nanos >= Double(UInt64.max) ? .max : UInt64(nanos)
  }
}

/// Why a filter did not parse, and where (1-based column in the filter text).
public struct FilterParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// `-` with nothing after it.
    case emptyExclusion
    /// `>` or `<` without a valid number.
    case badDuration
    /// A duration without `ns`, `us`, `ms` or `s`.
    case missingUnit
    case unknownUnit(String)
    /// `depth:`, `thread:` or `task:` without a valid number.
    case badNumber
    /// `key:value` with a key the language does not know.
    case unknownKey(String)
  }

  public var kind: Kind
  /// The term that failed.
  public var token: String
  /// 1-based column (in characters) where the problem starts.
  public var column: Int

  public init(_ kind: Kind, token: String, column: Int) {
    self.kind = kind
    self.token = token
    self.column = column
  }

  public var description: String {
    let what: String
    switch kind {
    case .emptyExclusion: what = "'-' needs a name pattern after it"
    case .badDuration: what = "expected a number after '\(token.prefix(1))'"
    case .missingUnit: what = "duration needs a unit (ns, us, ms, s)"
    case .unknownUnit(let unit): what = "unknown unit '\(unit)' (use ns, us, ms, s)"
    case .badNumber: what = "expected a whole number"
    case .unknownKey(let key): what = "unknown term '\(key):' (use depth:, thread:, task:)"
    }
    return "column \(column): \(what) in '\(token)'"
  }
}
