/// The differences between two traces, as the merged tree shows them: every difference with
/// the calls leading to it, and identical stretches between them folded into counts.
public struct DiffReport: Sendable {
  /// What an entry stands for.
  public enum Kind: UInt8, Sendable {
    /// A node in both traces whose own values are equal but whose children differ.
    case context
    /// A node in both traces whose arguments, result, error, state, lost count or self
    /// time differ (`changes` says which).
    case changed
    /// A node (with its subtree) only in A.
    case removed
    /// A node (with its subtree) only in B.
    case added
    /// Consecutive identical sibling subtrees, folded (`calls` counts their calls).
    case same
  }

  /// One line of the merged tree.
  public struct Entry: Sendable, Equatable {
    public var kind: Kind
    /// 0 for threads (the top level).
    public var depth: Int
    /// The node in A (nil for `added` and `same`).
    public var a: Int?
    /// The node in B (nil for `removed` and `same`).
    public var b: Int?
    /// What changed (`changed` entries).
    public var changes: DiffChanges
    /// Calls in the subtree (`removed`, `added`) or in the folded stretch (`same`).
    public var calls: Int
  }

  /// The first tree (the "before").
  public let a: CallTree
  /// The second tree (the "after").
  public let b: CallTree
  /// The merged tree's lines that show differences, in depth-first order.
  public internal(set) var entries: [Entry] = []
  /// The entry of the first difference in the order the runs executed (a call's arguments
  /// count at its start, its result and error at its end), nil when the traces agree.
  public internal(set) var first: Int?
  /// Entries of the first difference's ancestors, top down.
  public internal(set) var firstPath: [Int] = []
  /// Calls in both traces, compared and found identical (subtrees included).
  public internal(set) var identicalCalls = 0

  /// Whether the traces differ (under the options used).
  public var hasDifferences: Bool { first != nil }

  /// Number of entries of each kind: changed, removed, added.
  public var counts: (changed: Int, removed: Int, added: Int) {
    var counts = (changed: 0, removed: 0, added: 0)
    for entry in entries {
      switch entry.kind {
      case .changed: counts.changed += 1
      case .removed: counts.removed += 1
      case .added: counts.added += 1
      case .context, .same: break
      }
    }
    return counts
  }

  init(a: CallTree, b: CallTree) {
    self.a = a
    self.b = b
  }
}

extension DiffReport.Entry {
  /// Whether the entry is a difference itself (not context or a folded stretch).
  public var isDifference: Bool {
    kind == .changed || kind == .removed || kind == .added
  }
}
