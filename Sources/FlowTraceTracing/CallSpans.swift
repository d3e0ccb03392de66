/// Which `@Trace` calls become spans (calls out) and what they carry.
///
/// Off unless passed to `FlowTraceTracing.emitSpans(_:)`. Arguments and results become
/// `flowtrace.arg.<label>` (`flowtrace.arg.<index>` for an unlabelled parameter) and
/// `flowtrace.result` attributes only when asked; values whose label matches a redaction
/// pattern are sent as `[REDACTED]`. Thrown errors are recorded on the span with status error.
public struct CallSpans: Sendable {
  /// How many of the admitted calls become spans.
  public enum Sampling: Sendable, Equatable {
    /// Every call.
    case all
    /// One call in every `n`, counted per function.
    case every(Int)
    /// Each call with probability `p` (0…1).
    case rate(Double)
  }

  /// Glob patterns (`*`, `?`) on qualified names; empty admits every function.
  public var include: [String]
  /// Glob patterns on qualified names to leave out.
  public var exclude: [String]
  /// How many of the admitted calls become spans.
  public var sampling: Sampling
  /// Send arguments as `flowtrace.arg.<label>` attributes.
  public var arguments: Bool
  /// Send results as the `flowtrace.result` attribute.
  public var results: Bool
  /// Glob patterns on argument labels (`password`, `*token*`) whose values are redacted.
  public var redact: [String]

  /// Calls out with the given selection; arguments and results are off by default.
  public init(
    include: [String] = [], exclude: [String] = [], sampling: Sampling = .all,
    arguments: Bool = false, results: Bool = false, redact: [String] = []
  ) {
    self.include = include
    self.exclude = exclude
    self.sampling = sampling
    self.arguments = arguments
    self.results = results
    self.redact = redact
  }

  /// True when `name` passes the include and exclude patterns.
  func admits(_ name: String) -> Bool {
    if !include.isEmpty, !include.contains(where: { GlobPattern.matches($0, name) }) {
      return false
    }
    return !exclude.contains(where: { GlobPattern.matches($0, name) })
  }

  /// True when an argument labelled `label` must not be sent.
  func redacts(_ label: String) -> Bool {
    redact.contains { GlobPattern.matches($0, label) }
  }
}
