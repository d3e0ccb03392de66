import FlowTraceText
import FlowTraceWire

/// What `TreeDiff` compares and what it leaves out.
public struct DiffOptions: Sendable {
  /// Arguments of matching calls are not compared (nor used to align calls).
  public var ignoreArgs: [DiffPattern] = []
  /// Results of matching calls are not compared.
  public var ignoreResults: [DiffPattern] = []
  /// Only calls whose qualified name matches one of these are shown (empty: all); hidden
  /// calls leave their callees in place, one level up, as in `flowtrace print`.
  public var include: [Glob] = []
  /// Calls whose qualified name matches are hidden the same way.
  public var exclude: [Glob] = []
  /// Also report matched calls whose self time changed by more than this many percent
  /// (nil: timing is never compared).
  public var timingPercent: Double?
  /// Self-time changes smaller than this many ns are never reported (noise of short calls).
  public var timingFloorNanos: UInt64 = 1_000

  /// Compares everything but timing, thread and task ids and pids.
  public init() {}
}

/// A `--ignore-args`/`--ignore-results` pattern: a glob on qualified function names (all of
/// the call's arguments or its result are ignored), or `re:REGEX`, whose matches in any value
/// are masked (they compare equal whatever they hold).
public struct DiffPattern: Sendable {
  /// The glob, for a name pattern.
  public let glob: Glob?
  /// The expression, for a `re:` pattern.
  let regex: RegexBox?
  /// The pattern as written.
  public let source: String

  /// Parses `GLOB` or `re:REGEX`; throws a one-line message for a bad expression.
  public init(_ source: String) throws(DiffPatternError) {
    self.source = source
    if source.hasPrefix("re:") {
      let expression = String(source.dropFirst(3))
      do {
        regex = RegexBox(try Regex(expression))
      } catch {
        throw DiffPatternError(pattern: source, reason: "\(error)")
      }
      glob = nil
    } else {
      glob = Glob(source)
      regex = nil
    }
  }

  /// Whether the pattern names a function (rather than masking values).
  var isName: Bool { glob != nil }

  /// `value` with every match of the expression replaced by `…`.
  func mask(_ value: String) -> String {
    guard let regex else { return value }
    return value.replacing(regex.regex, with: "…")
  }
}

/// `Regex` is not `Sendable`; a pattern is only read after parsing.
final class RegexBox: @unchecked Sendable {
  let regex: Regex<AnyRegexOutput>
  init(_ regex: Regex<AnyRegexOutput>) { self.regex = regex }
}

/// A `--ignore-args`/`--ignore-results` pattern that is not a valid expression.
public struct DiffPatternError: Error, CustomStringConvertible {
  public var pattern: String
  public var reason: String
  public var description: String { "bad pattern \(pattern): \(reason)" }
}
