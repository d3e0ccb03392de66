import FlowTraceText
import CFlowTraceRuntime
import Synchronization

/// An argument of an external call (a span's attribute).
@_spi(Bridge) public enum _ExternalValue: Sendable {
  case int(Int64)
  case double(Double)
  case bool(Bool)
  /// Shown quoted, like a `String` argument.
  case string(String)
  /// Shown as is.
  case text(String)
}

/// What FlowTraceTracing plugs into the runtime, in both directions (SPI: the bridge is the
/// only client):
/// - spans in: `begin`/`end` record a span as a call (dynamic name, attributes as arguments);
///   a parent resolver lets `@Trace` calls with no traced parent on their thread nest under
///   the span the task runs in;
/// - calls out: a handler is told when each traced call starts (with its rendered arguments
///   when they are collected) and ends (with its result or error).
/// Nothing here is on the hot path while neither is installed (`_begin` tests one atomic flag
/// for calls without a parent on their thread, and calls out set a mode bit).
@_spi(Bridge) public enum _SpanBridge {
  /// Resolves the external call to nest under, given the task's traced call (0 = none);
  /// returns 0 to keep the runtime's choice.
  public typealias ParentResolver = @Sendable (_ taskCall: UInt64) -> UInt64

  /// Receives traced calls as they start and end (calls out).
  public protocol CallHandler: AnyObject, Sendable {
    /// A traced call started: `call` and `parent` are runtime ids (0 = no parent). Returns
    /// false when the call's end need not be reported (no span, nothing to pass on).
    func begin(
      call: UInt64, parent: UInt64, name: String, labels: [String], arguments: [String]?,
      file: String, line: UInt32
    ) -> Bool
    /// The call ended with a rendered result (nil: none or not collected) or an error.
    func end(call: UInt64, result: String?, error: (type: String, description: String)?)
  }

  static let resolverClaimed = Atomic<Bool>(false)
  static let resolverInstalled = Atomic<Bool>(false)
  /// Written once, before `resolverInstalled` is set (release); read after it is seen set.
  nonisolated(unsafe) static var resolver: ParentResolver?
  static let handlerBox = Mutex<(any CallHandler)?>(nil)
  static let sites = Mutex<[UInt64: SiteText]>([:])

  /// True while FlowTrace records anything (a session, autoPrint or a sink).
  public static var isRecording: Bool { ft_mode_load() != 0 }

  /// A cheap monotonic tick (the unit of call records' times).
  public static func ticks() -> UInt64 { ft_ticks() }

  /// Installs the parent resolver; only the first call has an effect (returns false after).
  @discardableResult
  public static func installParentResolver(_ resolver: @escaping ParentResolver) -> Bool {
    guard
      resolverClaimed.compareExchange(expected: false, desired: true, ordering: .relaxed)
        .exchanged
    else { return false }
    self.resolver = resolver
    resolverInstalled.store(true, ordering: .releasing)
    return true
  }

  /// Where a call starting now nests: the thread's innermost traced call, else 0; and the
  /// traced call the task runs in (0 = none).
  public static func currentParent() -> (thread: UInt64, task: UInt64) {
    let hot = ThreadRecorder.current
    return (hot.top, TaskScope.current?.callID ?? 0)
  }

  /// Called by `_begin` for a call with no traced parent on its thread.
  @inline(__always)
  static func externalParent(_ scope: TaskScope?) -> UInt64 {
    guard resolverInstalled.load(ordering: .acquiring), let resolver else { return 0 }
    return resolver(scope?.callID ?? 0)
  }
}
