import FlowTraceText

/// One event of a traced call, as a session returns it: its start, an error, or its end.
public struct CallEvent: Sendable, Equatable {
  /// What happened.
  public enum Kind: String, Sendable, Equatable {
    /// The call started.
    case call
    /// An error left the call (`propagated`) or was thrown by a callee and handled.
    case exception
    /// The call ended (normally, or after a propagated `exception` event).
    case `return`
  }

  /// Whether an error left the call or was caught by it.
  public enum Disposition: String, Sendable, Equatable {
    case propagated
    case caught
  }

  /// The call's id (shared by its call, exception and return events), from 1 per session.
  public var id: Int
  /// Call, return or exception.
  public var kind: Kind
  /// The function's own name: `add` for `Calc.add`.
  public var functionName: String
  /// The name with its type: `Calc.add`.
  public var qualifiedName: String
  /// The caller's id; nil for a root call.
  public var parentID: Int?
  /// Arguments as the call site reads them (`3, 3`, `y: 10`); empty when not collected.
  public var argumentText: String
  /// Each rendered argument; nil when arguments were not collected.
  public var arguments: [String]?
  /// External labels of the parameters (`_` for none).
  public var argumentLabels: [String]
  /// The rendered result (return events); nil when not collected or `Void`.
  public var result: String?
  /// Time from call to return (return events, when timing was collected).
  public var duration: Duration?
  /// Whether arguments were collected for this call.
  public var collectsArguments: Bool
  /// Whether the result was collected for this call.
  public var collectsResult: Bool
  /// Whether timing was collected for this call.
  public var collectsTiming: Bool
  /// Small thread id (1 = first thread seen) and its name.
  public var thread: Int
  /// The thread's name as the system knew it.
  public var threadName: String
  /// Async task id, nil outside a task.
  public var task: UInt64?
  /// Nanoseconds since the trace started; nil when timing was not collected.
  public var timestamp: UInt64?
  /// The source file of the traced function.
  public var file: String
  /// The line of the traced function's declaration.
  public var line: Int
  /// The error's type and description (exception events).
  public var errorType: String?
  /// The error as `String(describing:)` shows it (exception events).
  public var errorDescription: String?
  /// Whether the error left the frame (`propagated`) or a traced callee's error was handled
  /// here (`caught`).
  public var disposition: Disposition?

  /// Creates an event; fields not given are empty.
  public init(
    id: Int, kind: Kind, qualifiedName: String, parentID: Int? = nil,
    arguments: [String]? = nil, argumentLabels: [String] = [], result: String? = nil,
    duration: Duration? = nil, collectsArguments: Bool = true, collectsResult: Bool = true,
    collectsTiming: Bool = false,
    thread: Int = 1, threadName: String = "main", task: UInt64? = nil,
    timestamp: UInt64? = nil, file: String = "", line: Int = 0, errorType: String? = nil,
    errorDescription: String? = nil, disposition: Disposition? = nil
  ) {
    self.id = id
    self.kind = kind
    self.qualifiedName = qualifiedName
    self.functionName =
      qualifiedName.split(separator: ".").last.map(String.init) ?? qualifiedName
    self.parentID = parentID
    self.arguments = arguments
    self.argumentLabels = argumentLabels
    self.argumentText = CallEvent.render(args: arguments, labels: argumentLabels)
    self.result = result
    self.duration = duration
    self.collectsArguments = collectsArguments
    self.collectsResult = collectsResult
    self.collectsTiming = collectsTiming
    self.thread = thread
    self.threadName = threadName
    self.task = task
    self.timestamp = timestamp
    self.file = file
    self.line = line
    self.errorType = errorType
    self.errorDescription = errorDescription
    self.disposition = disposition
  }

  static func render(args: [String]?, labels: [String]) -> String {
    args.map { CallText.argumentList(labels: labels, values: $0) } ?? ""
  }
}
