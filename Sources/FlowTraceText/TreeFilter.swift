import FlowTraceWire

/// Narrows a stream of events for `flowtrace print` (the general path; `printSequence` does
/// the same for simple traces): calls that a `TreeTextSelection` hides are left out, and the
/// calls inside a left-out call move up to its nearest shown ancestor, exactly as if the
/// runtime had not traced it.
public struct TreeFilter {
  let selection: TreeTextSelection
  /// When set, only calls in this set (those with an error in their subtree) are shown.
  let errorPath: Set<UInt64>?

  /// A filter for `selection`; with `errorsOnly`, `errorPath` must be the trace's
  /// `errorPath(of:)` (nil shows every call).
  public init(selection: TreeTextSelection, errorPath: Set<UInt64>? = nil) {
    self.selection = selection
    self.errorPath = errorPath
  }

  private struct Frame {
    var shown: Bool
    /// The frame's own id when shown, else its nearest shown ancestor.
    var anchor: UInt64?
  }

  private var siteShown: [UInt32: Bool] = [:]
  private var open: [UInt64: Frame] = [:]

  /// True when the filter changes nothing.
  public var isIdentity: Bool {
    selection.include.isEmpty && selection.exclude.isEmpty && errorPath == nil
  }

  /// Passes `event` on to `emit` if it stays, rewritten to the shown tree.
  public mutating func consume(_ event: TraceEvent, _ emit: (TraceEvent) -> Void) {
    switch event {
    case .callSite(let site):
      let name = site.qualifiedName
      siteShown[site.id] = selection.shows(name)
      emit(event)
    case .call(var call):
      let anchor = call.parent.flatMap { open[$0] }?.anchor
      let shown = (siteShown[call.site] ?? true) && (errorPath?.contains(call.id) ?? true)
      open[call.id] = Frame(shown: shown, anchor: shown ? call.id : anchor)
      if shown {
        call.parent = anchor
        emit(.call(call))
      }
    case .return(let end):
      if open.removeValue(forKey: end.id)?.shown == true { emit(event) }
    case .error(let error):
      if open[error.id]?.shown ?? false { emit(event) }
    case .loss(var loss):
      if let parent = loss.parent { loss.parent = open[parent]?.anchor }
      emit(.loss(loss))
    case .thread, .task, .end:
      emit(event)
    }
  }

  /// The ids of calls with an error in their own record or their subtree (the first pass of
  /// `--errors`).
  public static func errorPath(of file: TraceFile) throws(TraceFormatError) -> Set<UInt64> {
    var marker = ErrorPathMarker()
    try file.forEachEvent { marker.consume($0) }
    return marker.marked
  }

  /// `errorPath(of:)` for events in memory.
  public static func errorPath(of events: some Sequence<TraceEvent>) -> Set<UInt64> {
    var marker = ErrorPathMarker()
    for event in events { marker.consume(event) }
    return marker.marked
  }
}

/// Marks every call with an error in its own record or its subtree, streaming.
struct ErrorPathMarker {
  private var parents: [UInt64: UInt64?] = [:]
  private(set) var marked: Set<UInt64> = []

  mutating func consume(_ event: TraceEvent) {
    switch event {
    case .call(let call): parents[call.id] = call.parent
    case .return(let end): parents[end.id] = nil
    case .error(let error):
      var current: UInt64? = error.id
      while let id = current, marked.insert(id).inserted {
        current = parents[id] ?? nil
      }
    default: break
    }
  }
}
