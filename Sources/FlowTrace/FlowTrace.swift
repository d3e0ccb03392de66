import CFlowTraceRuntime
import FlowTraceText
import FlowTraceWire

// The module's global settings are top-level functions, so that `FlowTrace.config(...)`
// names the module's function and `FlowTrace.X` always names the module (no type in it is
// called `FlowTrace`).

/// Sets global defaults; arguments left nil keep their current value. Call it as
/// `FlowTrace.config(...)`.
///
/// Defaults: arguments on, results on, timing off, `autoPrint` on (off when the environment
/// has `FLOWTRACE_PRINT=0`), no include/exclude patterns, values cut at 200 characters,
/// colour `.auto`.
public func config(
  showArgs: Bool? = nil, showResult: Bool? = nil, showTiming: Bool? = nil,
  autoPrint: Bool? = nil, include: [String]? = nil, exclude: [String]? = nil,
  maxValueLength: Int? = nil, color: Configuration.ColorMode? = nil
) {
  Runtime.shared.updateConfiguration { config in
    if let showArgs { config.showArgs = showArgs }
    if let showResult { config.showResult = showResult }
    if let showTiming { config.showTiming = showTiming }
    if let autoPrint { config.autoPrint = autoPrint }
    if let include { config.include = include.map(Glob.init) }
    if let exclude { config.exclude = exclude.map(Glob.init) }
    if let maxValueLength { config.maxValueLength = max(1, maxValueLength) }
    if let color { config.color = color }
  }
  Runtime.shared.startEnvironmentSinks()
}

/// Restores every setting to its default (the environment is read again).
public func resetConfig() {
  Runtime.shared.updateConfiguration { $0 = Configuration.fromEnvironment() }
  Runtime.shared.startEnvironmentSinks()
}

/// The current global settings.
public var currentConfig: Configuration { Runtime.shared.configuration }

/// FlowTrace's global settings (see `FlowTrace.config`).
public struct Configuration: Sendable {
  /// When trees are coloured with ANSI escapes.
  public enum ColorMode: Sendable, Equatable {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset.
    case auto
    /// Always colour.
    case always
    /// Never colour.
    case never
  }

  /// Record arguments.
  public var showArgs = true
  /// Record results.
  public var showResult = true
  /// Record start times and durations.
  public var showTiming = false
  /// Print each finished root call's tree to standard output while no session
  /// (`startTracing()`) records.
  public var autoPrint = true
  var include: [Glob] = []
  var exclude: [Glob] = []
  /// The longest a value's text may be, in characters; longer text keeps
  /// `maxValueLength - 1` and `…`.
  public var maxValueLength = 200
  /// Colour in printed trees: `auto` (a terminal without `NO_COLOR`), `always` or
  /// `never`.
  public var color = ColorMode.auto

  /// Include patterns as given.
  public var includePatterns: [String] { include.map(\.pattern) }
  /// Exclude patterns as given.
  public var excludePatterns: [String] { exclude.map(\.pattern) }

  /// The defaults, with `FLOWTRACE_PRINT=0` turning `autoPrint` off.
  static func fromEnvironment() -> Configuration {
    var config = Configuration()
    if let value = Environment.get("FLOWTRACE_PRINT") {
      config.autoPrint = !["0", "false", "no", "off"].contains(value.lowercased())
    }
    return config
  }

  /// True when a qualified name passes the include/exclude patterns.
  func admits(_ name: String) -> Bool {
    if !include.isEmpty, !include.contains(where: { $0.matches(name) }) { return false }
    return !exclude.contains(where: { $0.matches(name) })
  }
}
