/// One fixed-size record of a per-thread buffer (32 bytes, trivially copyable).
///
/// A record with text keeps it in the chunk's parallel `texts` slot of the same index.
struct RawRecord {
  var kind: RecordKind
  /// Collect flags (call records), or `1` when the text slot is used.
  var flags: UInt8
  var spare: UInt16 = 0
  var spare2: UInt32 = 0
  /// call: site address; return/error: call id; task: task id; loss: count.
  var a: UInt64
  /// call: parent id (0 = root); value records: raw bits; task: parent task; loss: open call.
  var b: UInt64
  /// Ticks (call and return records with timing).
  var c: UInt64
}

/// What a `RawRecord` holds.
@usableFromInline
enum RecordKind: UInt8 {
  case call = 1
  case argInt, argDouble, argBool, argText, argString
  /// A `Sendable` value's copy in a `DeferredValue` (retained, its address in `b`), rendered
  /// by the collector.
  case argValue
  case returnVoid = 10
  case returnInt, returnDouble, returnBool, returnText, returnString, returnUncollected
  /// As `argValue`, for a result.
  case returnValue
  case propagated = 20
  case caught
  case task = 30
  case loss = 40
}

/// Record flags bits.
enum RecordFlags {
  /// The text slot of this record holds a string.
  static let hasText: UInt8 = 1 << 7
  /// The call's parent came from a task scope (another thread's call).
  static let taskParent: UInt8 = 1 << 6
  /// An exit of a call that was not on the thread's stack (an async call): its children may
  /// sit in other threads' buffers.
  static let asyncExit: UInt8 = 1 << 5
}
