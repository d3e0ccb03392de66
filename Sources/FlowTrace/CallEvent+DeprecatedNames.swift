// The seed's field names (Python-style), kept for one release.
extension CallEvent {
  /// Renamed `functionName`.
  @available(*, deprecated, renamed: "functionName")
  public var funcName: String { functionName }
  /// Renamed `parentID`.
  @available(*, deprecated, renamed: "parentID")
  public var parentId: Int? { parentID }
  /// Renamed `argumentText`.
  @available(*, deprecated, renamed: "argumentText")
  public var argsRepr: String { argumentText }
  /// Renamed `arguments`.
  @available(*, deprecated, renamed: "arguments")
  public var args: [String]? { arguments }
  /// Renamed `argumentLabels`.
  @available(*, deprecated, renamed: "argumentLabels")
  public var argLabels: [String] { argumentLabels }
  /// Renamed `result`.
  @available(*, deprecated, renamed: "result")
  public var resultRepr: String? { result }
  /// Renamed `collectsArguments`.
  @available(*, deprecated, renamed: "collectsArguments")
  public var collectArgs: Bool { collectsArguments }
  /// Renamed `collectsResult`.
  @available(*, deprecated, renamed: "collectsResult")
  public var collectResult: Bool { collectsResult }
  /// Renamed `collectsTiming`.
  @available(*, deprecated, renamed: "collectsTiming")
  public var collectTiming: Bool { collectsTiming }
  /// `duration` in seconds, as the seed's `Double` field gave it.
  @available(*, deprecated, message: "use duration (a Duration)")
  public var durationSeconds: Double? {
    duration.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
  }
}
