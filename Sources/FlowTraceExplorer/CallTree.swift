import FlowTraceWire

/// What a node of the call tree stands for.
public enum NodeKind: UInt8, Sendable {
  /// A traced call.
  case call = 0
  /// A thread of a program: the root of that thread's calls.
  case thread = 1
  /// A connected program (live mode): the root of its threads.
  case program = 2
  /// A marker where events were lost.
  case loss = 3
}

/// How a call ended, or that it has not yet.
public enum CallState: UInt8, Sendable {
  /// Entered and not yet returned.
  case running = 0
  /// Returned normally (possibly after catching an error).
  case returned = 1
  /// Exited by throwing.
  case threw = 2
  /// Its program ended or disconnected before it returned.
  case unfinished = 3
}

/// The call tree of one or more programs, stored flat: one column per field, `UInt32` links,
/// strings in one byte arena. It grows with `append(_:from:)` in amortised O(1) per event.
///
/// Nodes are addressed by `Int` indices in order of arrival; a parent always has a smaller
/// index than its children.
public struct CallTree: Sendable {
  static let none: UInt32 = .max
  static let noTime: UInt64 = .max

  // Per-node columns (26 bytes a node in a typical trace), in fixed-size chunks (`Column`,
  // `LinkColumn`): growing never copies them. Links are 16-bit distances (32 bits where out
  // of reach), contexts one per block of nodes of one context (16 bits a node otherwise), depths
  // 8-bit distances from a per-block base.
  var parents = LinkColumn(forward: false)
  var firstChildren = LinkColumn(forward: true)
  var nextSiblings = LinkColumn(forward: true)
  var depths = DepthColumn()
  var flags = Column<NodeFlags>()
  /// Call: global site index. Thread: thread table index. Program: program index.
  /// Loss: loss table index.
  var refs = IndexColumn()
  /// Call: context table index (program, thread, task). Others: program index.
  var contexts = ContextColumn()
  var starts = StartColumn()
  var durations = Column<UInt32>()
  /// Reference of the call's argument record in the arena, 0 when none. Calls with equal
  /// short argument lists share one record.
  var argRefs = Column<UInt32>()
  /// Reference of the call's result text in the arena, 0 when none. Equal short results
  /// share one record.
  var resultRefs = Column<UInt32>()

  // Tables.
  var arena = ByteArena()
  /// Recent short results by hash: the reference of their record, 0 when empty.
  var resultCache: [UInt32] = []
  /// Recent short argument records by hash: reference and length, reference 0 when empty.
  var argsCache: [(ref: UInt32, length: UInt32)] = []
  var siteTable: [SiteRecord] = []
  var threadTable: [ThreadRecord] = []
  var contextTable: [ContextRecord] = []
  var contextIndex: [ContextRecord: UInt32] = [:]
  var lossTable: [LossRecord] = []
  var errorTable: [UInt32: ErrorRecord] = [:]
  /// The nodes of `errorTable`, ascending (for `x`/`X` without a scan of every node).
  var errorNodes: [UInt32] = []
  var programStates: [ProgramState] = []

  // Growth state.
  var firstRoot: UInt32 = none
  var lastRoot: UInt32 = none
  /// The path from a root to the newest node, while nodes arrive in depth-first order.
  var rightmostPath: [UInt32] = []
  /// Whether node index order is also depth-first (pre-)order.
  public internal(set) var isPreorder = true
  /// The program that records from the decoder's visitor go to.
  var visitProgram = 0
  /// Number of call nodes.
  public internal(set) var callCount = 0
  /// Events that did not fit the model (unknown ids, events after a call's return, ...).
  public internal(set) var anomalies = 0

  /// An empty tree.
  public init() {}

  /// Number of nodes (calls, threads, programs, loss markers).
  public var count: Int { parents.count }

  /// Bytes a node takes in the columns in a typical trace (links within reach, contexts in
  /// runs); `footprint` gives the exact figure of a tree.
  public static let bytesPerNode = 2 * 3 + 1 + 1 + 2 + 0 + 4 + 4 + 4 + 4

  /// Bytes used by the per-node columns and the string arena (counts, not capacities).
  public var footprint: (structure: Int, strings: Int) {
    let columns =
      parents.byteCount + firstChildren.byteCount + nextSiblings.byteCount + depths.byteCount
      + flags.byteCount + refs.byteCount + contexts.byteCount + starts.byteCount
      + durations.byteCount + argRefs.byteCount + resultRefs.byteCount
    return (columns, arena.bytes.count)
  }
}

/// One byte of per-node state: kind, call state, error disposition, collected parts.
struct NodeFlags: Sendable, Equatable {
  var raw: UInt8

  init(kind: NodeKind) { raw = kind.rawValue }

  var kind: NodeKind { NodeKind(rawValue: raw & 3) ?? .call }

  var state: CallState {
    get { CallState(rawValue: (raw >> 2) & 3) ?? .running }
    set { raw = raw & ~0b1100 | newValue.rawValue << 2 }
  }

  /// 0 none, 1 propagated, 2 caught.
  var errorMark: UInt8 {
    get { (raw >> 4) & 3 }
    set { raw = raw & ~0b11_0000 | (newValue & 3) << 4 }
  }

  var argsCollected: Bool {
    get { raw & 0x40 != 0 }
    set { raw = newValue ? raw | 0x40 : raw & ~0x40 }
  }

  var resultCollected: Bool {
    get { raw & 0x80 != 0 }
    set { raw = newValue ? raw | 0x80 : raw & ~0x80 }
  }
}

struct SiteRecord: Sendable {
  var name: String
  var labels: [String]
  var file: String
  var line: UInt32
  var program: Int
}

struct ThreadRecord: Sendable {
  var program: Int
  var id: UInt32
  var name: String
}

struct ContextRecord: Sendable, Hashable {
  var program: UInt32
  var thread: UInt32
  var task: UInt64
}

struct LossRecord: Sendable {
  var program: Int
  var count: UInt64
  var thread: UInt32?
}

struct ErrorRecord: Sendable {
  var type: String
  var description: String
  var disposition: ErrorDisposition
}
