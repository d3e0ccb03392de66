/// Bits of the global mode word (`ft_mode`), read with one relaxed load per traced call.
@usableFromInline
enum ModeBits {
  /// A session collects events.
  @usableFromInline static let session: UInt32 = 1 << 0
  /// Outermost calls print their trees (autoPrint on, no session).
  @usableFromInline static let autoPrint: UInt32 = 1 << 1
  /// A file or socket sink receives events.
  @usableFromInline static let sink: UInt32 = 1 << 2
  /// Default flags of calls without their own (the session's, else the configuration's).
  @usableFromInline static let args: UInt32 = 1 << 4
  @usableFromInline static let result: UInt32 = 1 << 5
  @usableFromInline static let timing: UInt32 = 1 << 6
  /// Include or exclude patterns are set.
  @usableFromInline static let filter: UInt32 = 1 << 7
  /// The socket sink is the only consumer: drop instead of waiting when buffers are full.
  @usableFromInline static let dropWhenFull: UInt32 = 1 << 8
  /// FlowTraceTracing turns traced calls into spans (calls out).
  @usableFromInline static let spans: UInt32 = 1 << 9
}

/// Effective flags of one call, packed in `_TraceCall.bits`.
@usableFromInline
enum CallBits {
  @usableFromInline static let args: UInt32 = 1 << 0
  @usableFromInline static let result: UInt32 = 1 << 1
  @usableFromInline static let timing: UInt32 = 1 << 2
  /// The call has no traced parent (it may print its tree when it ends).
  @usableFromInline static let root: UInt32 = 1 << 3
  /// Arguments are collected: the call record waits for them until `entered()`.
  @usableFromInline static let pending: UInt32 = 1 << 4
  /// The call is reported to FlowTraceTracing's calls-out handler (`_SpanBridge`).
  @usableFromInline static let span: UInt32 = 1 << 5
  @usableFromInline static let collectMask: UInt32 = 0b111
}
