import FlowTraceWire

/// A program whose events feed the tree: one per file, or one per connection in live mode.
public struct ProgramInfo: Sendable, Equatable {
  /// Whether the program is still sending.
  public enum State: Sendable, Equatable {
    case running
    /// It ended its stream cleanly.
    case exited
    /// Its connection closed without a clean end; its open calls are unfinished.
    case disconnected
  }

  public var name: String
  public var pid: Int32
  /// Wall-clock time of the connection (or of the trace's start), ns since the Unix epoch.
  public var connectedAt: Int64
  public var state: State
  /// Events received from it.
  public var events: Int
  /// Events it reported as lost.
  public var lost: UInt64
  /// How it ended, once known (live mode).
  public var end: ProgramEnd?

  public init(
    name: String, pid: Int32, connectedAt: Int64, state: State = .running, events: Int = 0,
    lost: UInt64 = 0
  ) {
    self.name = name
    self.pid = pid
    self.connectedAt = connectedAt
    self.state = state
    self.events = events
    self.lost = lost
  }
}

/// Per-program ingest state: the program's own ids mapped to nodes.
struct ProgramState: Sendable {
  var info: ProgramInfo
  /// The program's node, or `CallTree.none` when the program is not shown as a root.
  var node: UInt32
  /// Site id to global site index (`CallTree.none` when undefined); huge ids in `siteOverflow`.
  var siteMap: [UInt32] = []
  var siteOverflow: [UInt32: UInt32] = [:]
  var threadNodes: [UInt32: ThreadSlot] = [:]
  var tasks: [UInt64: TaskInfo] = [:]
  var open = OpenCalls()
  /// Last child of the program's node.
  var lastChild: UInt32 = CallTree.none
  /// The last context looked up, to skip hashing for consecutive calls of one thread/task.
  var lastContext: (thread: UInt32, task: UInt64, index: UInt32)?
  var firstTime: UInt64 = CallTree.noTime
  var latestTime: UInt64 = 0
}

extension CallTree {
  /// Adds a program shown as a top-level node (live mode) and returns its id.
  public mutating func addProgram(_ info: ProgramInfo) -> Int {
    let id = programStates.count
    let node = appendNode(kind: .program, under: .top, ref: UInt32(id), context: UInt32(id))
    programStates.append(ProgramState(info: info, node: node))
    return id
  }

  /// Number of programs (including the implicit one of a single-program trace).
  public var programCount: Int { programStates.count }

  /// What is known about a program.
  public func program(_ id: Int) -> ProgramInfo { programStates[id].info }

  /// The program a node belongs to.
  public func program(of node: Int) -> Int {
    switch flags[node].kind {
    case .call: return Int(contextTable[Int(contexts[node])].program)
    default: return Int(contexts[node])
    }
  }

  /// Applies a trace header: name and pid of the program.
  public mutating func apply(_ header: TraceHeader, program: Int = 0) {
    ensureProgram(program)
    programStates[program].info.name = header.program
    programStates[program].info.pid = header.pid
    if programStates[program].info.connectedAt == 0 {
      programStates[program].info.connectedAt = header.startWallNanos
    }
  }

  /// Marks a program disconnected: its open calls become unfinished.
  public mutating func disconnect(program: Int) {
    guard program < programStates.count else { return }
    closeOpenCalls(program: program)
    if programStates[program].info.state == .running {
      programStates[program].info.state = .disconnected
    }
  }

  /// Ends every program's open calls as unfinished (a file that stopped early).
  public mutating func finish() {
    for program in programStates.indices {
      closeOpenCalls(program: program)
    }
  }

  mutating func closeOpenCalls(program: Int) {
    for entry in programStates[program].open.entries {
      flags[Int(entry.node)].state = .unfinished
    }
    programStates[program].open.entries = []
  }

  mutating func ensureProgram(_ program: Int) {
    while programStates.count <= program {
      programStates.append(
        ProgramState(
          info: ProgramInfo(name: "", pid: 0, connectedAt: 0), node: Self.none))
    }
  }
}
