/// The decoded, semantic events of a trace: what every reader (binary decoder, JSON Lines
/// importer, live socket) produces and every consumer (tree printer, explorer, exporters)
/// takes. Ids are already resolved: every call names its parent explicitly.
///
/// Ordering guarantees a producer must keep:
/// - a `callSite` precedes the first call that uses it; a `thread`/`task` precedes its first use;
/// - a call's `call` precedes its `error` (if any), which precedes its `return`;
/// - a parent's `call` precedes its children's; children on one thread or task are in order.
public enum TraceEvent: Sendable, Equatable {
  /// Defines a call site once; later calls refer to it by `id`.
  case callSite(CallSite)
  /// Names a thread (ids are small integers assigned by the runtime, 1 = first thread seen).
  case thread(ThreadInfo)
  /// Names an async task (ids assigned by the runtime, 0 = not in a task).
  case task(TaskInfo)
  /// A traced call began.
  case call(CallStart)
  /// A traced call ended (normally, or by throwing: then an `error` with
  /// `disposition == .propagated` for the same id came just before).
  case `return`(CallEnd)
  /// An error event attached to a call: thrown out of it, or caught by it.
  case error(CallError)
  /// Events the producer dropped (counted, never silent).
  case loss(Loss)
  /// The producer ended the stream cleanly.
  case end
}

/// A call site: one traced function, known at compile time.
public struct CallSite: Sendable, Equatable {
  public var id: UInt32
  /// Qualified name as written at the call site: `fib`, `Calc.add`, `Parser.Token.init`.
  public var qualifiedName: String
  /// External argument labels, `_` for an unlabelled parameter: `["_", "y"]`.
  public var labels: [String]
  public var file: String
  public var line: UInt32

  public init(id: UInt32, qualifiedName: String, labels: [String], file: String, line: UInt32) {
    self.id = id
    self.qualifiedName = qualifiedName
    self.labels = labels
    self.file = file
    self.line = line
  }
}

/// A thread of the traced program.
public struct ThreadInfo: Sendable, Equatable {
  public var id: UInt32
  public var name: String

  public init(id: UInt32, name: String) {
    self.id = id
    self.name = name
  }
}

/// An async task of the traced program.
public struct TaskInfo: Sendable, Equatable {
  public var id: UInt64
  /// The task that created it, if known.
  public var parent: UInt64?
  public var name: String

  public init(id: UInt64, parent: UInt64?, name: String) {
    self.id = id
    self.parent = parent
    self.name = name
  }
}

/// Which parts of a call were collected (the call's effective flags).
public struct CollectFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let args = CollectFlags(rawValue: 1)
  public static let result = CollectFlags(rawValue: 2)
  public static let timing = CollectFlags(rawValue: 4)
}

/// The start of a call.
public struct CallStart: Sendable, Equatable {
  /// Unique within the trace, increasing in order of `call` events, starting at 1.
  public var id: UInt64
  /// The caller's id, or nil for a root call.
  public var parent: UInt64?
  public var site: UInt32
  public var thread: UInt32
  /// 0 when the call does not run in an async task.
  public var task: UInt64
  public var flags: CollectFlags
  /// Nanoseconds since the trace's start; nil when timing was not collected.
  public var timestamp: UInt64?
  /// Rendered arguments, one per label of the site; nil when arguments were not collected.
  public var args: [String]?

  public init(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: [String]?
  ) {
    self.id = id
    self.parent = parent
    self.site = site
    self.thread = thread
    self.task = task
    self.flags = flags
    self.timestamp = timestamp
    self.args = args
  }
}

/// The end of a call.
public struct CallEnd: Sendable, Equatable {
  public var id: UInt64
  /// Nanoseconds since the trace's start; nil when timing was not collected.
  public var timestamp: UInt64?
  /// Rendered result; nil when results were not collected, the function returns `Void`,
  /// or the call threw.
  public var result: String?

  public init(id: UInt64, timestamp: UInt64?, result: String?) {
    self.id = id
    self.timestamp = timestamp
    self.result = result
  }
}

/// Whether an error left the call (`propagated`) or was thrown by a traced callee and
/// handled by this call, which then returned normally (`caught`).
public enum ErrorDisposition: UInt8, Sendable, Equatable {
  case propagated = 0
  case caught = 1
}

/// An error event of one call (at most one per call).
public struct CallError: Sendable, Equatable {
  public var id: UInt64
  /// The error's type name, e.g. `BadInput`.
  public var type: String
  /// `String(describing:)` of the error, e.g. `BadInput(value: 1)`.
  public var description: String
  public var disposition: ErrorDisposition

  public init(id: UInt64, type: String, description: String, disposition: ErrorDisposition) {
    self.id = id
    self.type = type
    self.description = description
    self.disposition = disposition
  }
}

/// A count of events the producer dropped.
public struct Loss: Sendable, Equatable {
  /// Number of events dropped.
  public var count: UInt64
  /// The thread whose events were dropped, if known.
  public var thread: UInt32?
  /// The call that was open on that thread when the loss happened, if any (the viewer puts a
  /// marker row there).
  public var parent: UInt64?

  public init(count: UInt64, thread: UInt32?, parent: UInt64?) {
    self.count = count
    self.thread = thread
    self.parent = parent
  }
}
