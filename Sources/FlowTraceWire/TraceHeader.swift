/// What a trace says about itself before its first event.
public struct TraceHeader: Sendable, Equatable {
  /// Format version written by the producer.
  public var version: UInt16
  public var pid: Int32
  /// Program path or name.
  public var program: String
  public var arguments: [String]
  /// Wall-clock time of the trace's start, nanoseconds since the Unix epoch.
  public var startWallNanos: Int64
  /// The clock behind every event timestamp.
  public var clock: ClockKind
  /// The clock's resolution in nanoseconds.
  public var clockResolutionNanos: UInt32

  public init(
    version: UInt16 = TraceHeader.currentVersion, pid: Int32, program: String,
    arguments: [String], startWallNanos: Int64, clock: ClockKind = .monotonic,
    clockResolutionNanos: UInt32 = 1
  ) {
    self.version = version
    self.pid = pid
    self.program = program
    self.arguments = arguments
    self.startWallNanos = startWallNanos
    self.clock = clock
    self.clockResolutionNanos = clockResolutionNanos
  }

  /// The version this build writes and reads.
  public static let currentVersion: UInt16 = 1
}

/// The clock that timestamps come from.
public enum ClockKind: UInt8, Sendable, Equatable {
  case monotonic = 0
  case monotonicCoarse = 1
  case cycleCounter = 2
}
