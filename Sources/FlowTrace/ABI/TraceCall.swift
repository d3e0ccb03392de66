// The entry points that `@Trace` expansions call. Underscored: public only so that the
// expansion in the user's module can reach them. Contract between FlowTraceMacros and the
// runtime; see docs/MACRO-ABI.md.
import CFlowTraceRuntime

/// Flags written on one `@Trace(...)`; nil means "inherit from the session or config".
public struct _TraceFlags: Sendable {
  /// `@Trace(showArgs:)`.
  public var showArgs: Bool?
  /// `@Trace(showResult:)`.
  public var showResult: Bool?
  /// `@Trace(showTiming:)`.
  public var showTiming: Bool?

  /// The flags of one `@Trace(...)`.
  @inlinable
  public init(showArgs: Bool? = nil, showResult: Bool? = nil, showTiming: Bool? = nil) {
    self.showArgs = showArgs
    self.showResult = showResult
    self.showTiming = showTiming
  }

  /// The call's effective collect bits given the mode word's defaults.
  @inlinable @inline(__always)
  func effective(_ mode: UInt32) -> UInt32 {
    var bits = (mode >> 4) & CallBits.collectMask
    if let showArgs { bits = showArgs ? bits | CallBits.args : bits & ~CallBits.args }
    if let showResult { bits = showResult ? bits | CallBits.result : bits & ~CallBits.result }
    if let showTiming { bits = showTiming ? bits | CallBits.timing : bits & ~CallBits.timing }
    return bits
  }
}

/// One traced call in flight, created on entry by the expansion.
///
/// Expansion shape (sync, non-throwing):
/// ```
/// let __ftCall = FlowTrace._TraceCall(site: "fib\t_\tApp/Fib.swift\t3", flags: FlowTrace._TraceFlags())
/// if __ftCall.recordsArguments { __ftCall.argument(n) }
/// __ftCall.entered()
/// let __ftResult = { <original body> }()
/// return __ftCall.returning(__ftResult)
/// ```
/// The site string is `qualifiedName TAB labels(comma-separated, "_" for none) TAB fileID TAB line`
/// and must be a literal: its address identifies the site.
public struct _TraceCall {
  /// 0 when the call is not traced; else its `CallBits` (top byte) and id (thread << 40 |
  /// sequence): one register, so an untraced call keeps almost nothing alive across its body.
  @usableFromInline var slot: UInt64

  /// The call's id.
  @inlinable var id: UInt64 { slot & 0x00FF_FFFF_FFFF_FFFF }
  /// Effective `CallBits`.
  @inlinable var bits: UInt32 { UInt32(truncatingIfNeeded: slot >> 56) }

  /// Opens a call of the function at `site` (`Type.name(labels)@file:line`): one relaxed
  /// load and a branch while tracing is off.
  @inlinable @inline(__always)
  public init(site: StaticString, flags: _TraceFlags) {
    let mode = ft_mode_load()
    if _fastPath(mode == 0) {
      slot = 0
      return
    }
    self = _TraceCall._begin(site: site, bits: flags.effective(mode), mode: mode)
  }

  @usableFromInline
  init(id: UInt64, bits: UInt32) {
    self.slot = id == 0 ? 0 : id | UInt64(bits & 0xFF) << 56
  }

  /// True when this call is traced and its arguments are collected.
  @inlinable public var recordsArguments: Bool {
    slot & UInt64(CallBits.pending) << 56 != 0
  }

  /// Records one argument (in parameter order), before `entered()`.
  @inlinable public func argument<T>(_ value: T) {
    if slot != 0 { _TraceCall._argument(value) }
  }
  /// Records a `Sendable` argument: a value type's copy is kept and rendered later, off the
  /// program's thread (classes and existentials render now, as `argument<T>` does).
  @inlinable public func argument<T: Sendable>(_ value: T) {
    if slot != 0 { _TraceCall._argumentLater(value) }
  }
  /// Records an `Int` argument as its bits (formatted later).
  @inlinable public func argument(_ value: Int) {
    if slot != 0 { _TraceCall._raw(.argInt, UInt64(bitPattern: Int64(value))) }
  }
  /// Records a `Double` argument as its bits (formatted later).
  @inlinable public func argument(_ value: Double) {
    if slot != 0 { _TraceCall._raw(.argDouble, value.bitPattern) }
  }
  /// Records a `Bool` argument.
  @inlinable public func argument(_ value: Bool) {
    if slot != 0 { _TraceCall._raw(.argBool, value ? 1 : 0) }
  }
  /// Records a `String` argument (quoted and cut later).
  @inlinable public func argument(_ value: String) {
    if slot != 0 { _TraceCall._string(.argString, value) }
  }
  /// Records a placeholder (closures, autoclosures, non-copyable values): never evaluated.
  @inlinable public func argumentPlaceholder(_ text: StaticString) {
    if slot != 0 { _TraceCall._placeholder(text) }
  }

  /// Records the call's start; the body runs next.
  @inlinable public func entered() {
    if slot & UInt64(CallBits.pending) << 56 != 0 { _TraceCall._entered(bits) }
  }

  /// Records a normal exit with a value and hands the value back.
  @inlinable public func returning<T>(_ value: T) -> T {
    if slot != 0 { _returning(value) }
    return value
  }
  /// Records a normal exit with a `Sendable` value (a value type's copy renders later).
  @inlinable public func returning<T: Sendable>(_ value: T) -> T {
    if slot != 0 { _returningLater(value) }
    return value
  }
  /// Records a normal exit with an `Int` and hands it back.
  @inlinable public func returning(_ value: Int) -> Int {
    if slot != 0 { _end(.returnInt, UInt64(bitPattern: Int64(value))) }
    return value
  }
  /// Records a normal exit with a `Double` and hands it back.
  @inlinable public func returning(_ value: Double) -> Double {
    if slot != 0 { _end(.returnDouble, value.bitPattern) }
    return value
  }
  /// Records a normal exit with a `Bool` and hands it back.
  @inlinable public func returning(_ value: Bool) -> Bool {
    if slot != 0 { _end(.returnBool, value ? 1 : 0) }
    return value
  }
  /// Records a normal exit with a `String` and hands it back.
  @inlinable public func returning(_ value: String) -> String {
    if slot != 0 { _endString(value) }
    return value
  }
  /// Records a normal exit of a `Void` function (and of initializers).
  @inlinable public func returningVoid() {
    if slot != 0 { _end(.returnVoid, 0) }
  }
  /// Records an exit by throwing `error` (propagated).
  @inlinable public func throwing(_ error: any Error) {
    if slot != 0 { _throwing(error) }
  }
}
