@_spi(Bridge) import FlowTrace
import Synchronization
import Tracing

/// FlowTrace's record of one span. The call is recorded lazily — when the first `@Trace`
/// call or child span needs it as a parent, or when the span ends — so the attributes set
/// by then (Hummingbird sets the request's before the handler runs) become its arguments;
/// its start time is the span's. What changes later (a rename, later attributes) shows in
/// the call's result; an error status or recorded error becomes its exception.
final class SpanNode: Sendable {
  struct State {
    var name: String
    var attributes = SpanAttributes()
    var links = 0
    var error: (type: String, description: String)?
    var id: UInt64 = 0
    var parentID: UInt64 = 0
    var recorded = false
    var ended = false
    /// Name and attribute texts as recorded (to show what changed at the end).
    var recordedName = ""
    var recordedAttributes = SpanAttributes()
  }

  let kind: SpanKind
  let file: String
  let line: UInt32
  let parent: SpanNode?
  /// FlowTrace's innermost call on the thread, and the task's call, when the span started.
  let threadCall: UInt64
  let taskCall: UInt64
  let startTicks: UInt64
  private let state: Mutex<State>

  private init(
    name: String, kind: SpanKind, parent: SpanNode?, file: String, line: UInt32,
    place: (thread: UInt64, task: UInt64)
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.parent = parent
    threadCall = place.thread
    taskCall = place.task
    startTicks = _SpanBridge.ticks()
    state = Mutex(State(name: name))
  }

  /// A node for a span starting now, or nil when FlowTrace records nothing.
  static func start(
    name: String, kind: SpanKind, parent: SpanNode?, file: String, line: UInt
  ) -> SpanNode? {
    guard _SpanBridge.isRecording else { return nil }
    let place = _SpanBridge.currentParent()
    let node = SpanNode(
      name: name, kind: kind, parent: parent, file: file, line: UInt32(clamping: line),
      place: place)
    // Inside a synchronous traced call: record now, while that call is still open.
    if place.thread != 0 { _ = node.record() }
    return node
  }

  /// Installs the runtime hook: a `@Trace` call with no traced parent on its thread nests
  /// under the span its task runs in, when that span started in the same traced call.
  static func installResolver() {
    _SpanBridge.installParentResolver { taskCall in
      guard let node = InstrumentationContext.current?[SpanNodeKey.self],
        node.threadCall == 0, node.taskCall == taskCall
      else { return 0 }
      return node.record()
    }
  }

  var name: String { state.withLock { $0.name } }
  var attributes: SpanAttributes { state.withLock { $0.attributes } }

  func rename(_ name: String) { state.withLock { $0.name = name } }
  func setAttributes(_ attributes: SpanAttributes) { state.withLock { $0.attributes = attributes } }
  func addLink() { state.withLock { $0.links += 1 } }

  func setStatus(_ status: SpanStatus) {
    guard status.code == .error else { return }
    state.withLock { state in
      if state.error == nil { state.error = ("SpanStatus.error", status.message ?? "error") }
    }
  }

  func recordError(_ error: any Error) {
    let type = String(describing: Swift.type(of: error))
    let description = String(describing: error)
    state.withLock { $0.error = (type, description) }
  }

  /// The node's FlowTrace call id, recording the call (and its parents) first if needed.
  func record() -> UInt64 {
    if let id = state.withLock({ $0.recorded ? $0.id : nil }) { return id }
    var parentID = threadCall != 0 ? threadCall : taskCall
    if let parent, parent.threadCall == threadCall, parent.taskCall == taskCall {
      let outer = parent.record()
      if outer != 0 { parentID = outer }
    }
    return state.withLock { state in
      if state.recorded { return state.id }
      state.recorded = true
      let (labels, values) = SpanArguments.make(
        kind: kind, links: state.links, attributes: state.attributes)
      state.recordedName = state.name
      state.parentID = parentID
      state.recordedAttributes = state.attributes
      state.id = _SpanBridge.begin(
        name: state.name, labels: labels, values: values, file: file, line: line,
        parent: parentID, startTicks: startTicks)
      return state.id
    }
  }

  /// Ends the call (recording it first if nothing needed it yet).
  func end() {
    let id = record()
    let ending = state.withLock { state -> State? in
      if state.ended { return nil }
      state.ended = true
      return state
    }
    guard let ending, id != 0 else { return }
    let result = SpanArguments.changes(since: ending)
    _SpanBridge.end(id, result: result, error: ending.error, root: ending.parentID == 0)
  }
}
