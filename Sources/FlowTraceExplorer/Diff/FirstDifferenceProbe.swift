import FlowTraceWire

/// Finds the first difference of two large traces from their beginnings, before either is
/// read whole: prefixes of growing size are decoded and compared until the first difference
/// they show is *settled*, that is, the full traces must report the same one.
///
/// Why that holds: before the first difference (in execution order) the two streams agree,
/// so the calls leading to it are paired alike whatever follows; when the sibling lists
/// holding it are complete in both prefixes (their parent calls have returned) their
/// alignment cannot change either. Differences at the cut (calls still open, lists cut at
/// different places) come later in execution order, and are never reported as settled.
public enum FirstDifferenceProbe {
  /// Prefixes start at this many bytes and double, up to 1/`maxShare` of the larger file.
  public static let startBytes = 1 << 20
  public static let maxShare = 8
  /// The one prefix tried before the streaming diff (`StreamingDiff`), which takes about
  /// as long as decoding both files: a difference in the first calls shows at once.
  public static let quickBytes = 128 << 10

  /// The settled first difference of `a` and `b` from prefixes, or nil when none shows up
  /// within the prefixes tried (the caller then compares the whole traces). `maxBytes`
  /// bounds the prefixes too (when the whole diff is fast, a long probe only delays it).
  public static func find(
    _ a: TraceFile, _ b: TraceFile, options: DiffOptions, startBytes: Int = startBytes,
    maxShare: Int = maxShare, maxBytes: Int = .max
  ) -> DiffReport? {
    let limit = min(max(a.bytes.count, b.bytes.count) / maxShare, maxBytes)
    var size = startBytes
    while size <= limit {
      guard let treeA = prefix(a, bytes: size), let treeB = prefix(b, bytes: size) else {
        return nil
      }
      let report = TreeDiff.compare(treeA, treeB, options: options)
      if isSettled(report) { return report }
      size *= 2
    }
    return nil
  }

  /// Whether the report's first difference sits in sibling lists complete in both prefixes.
  static func isSettled(_ report: DiffReport) -> Bool {
    guard let first = report.first, let parent = report.firstPath.last else { return false }
    let entry = report.entries[first]
    let around = report.entries[parent]
    guard let pa = around.a, let pb = around.b, report.a.kind(of: pa) == .call,
      ended(report.a, pa), ended(report.b, pb)
    else { return false }
    // A change seen at a call's end needs that end in both prefixes.
    if entry.kind == .changed, let x = entry.a, let y = entry.b {
      return ended(report.a, x) && ended(report.b, y)
    }
    return true
  }

  static func ended(_ tree: CallTree, _ node: Int) -> Bool {
    let state = tree.state(of: node)
    return state == .returned || state == .threw
  }

  /// The header of a trace file, read from its first bytes (nil when it has none).
  public static func header(of file: TraceFile) -> TraceHeader? {
    let end = min(file.bytes.count, 64 << 10)
    switch file.format {
    case .binary:
      var decoder = TraceDecoder(source: file.path)
      var nothing = NoVisitor()
      try? decoder.feed(UnsafeRawBufferPointer(rebasing: file.bytes[0..<end]), into: &nothing)
      return decoder.header
    case .jsonLines:
      var cut = end
      while cut > 0 && file.bytes[cut - 1] != 0x0A { cut -= 1 }
      var decoder = JSONLinesDecoder(source: file.path)
      _ = try? decoder.decode(UnsafeRawBufferPointer(rebasing: file.bytes[0..<cut])) { _ in }
      return decoder.header
    }
  }

  struct NoVisitor: TraceVisitor {}

  /// The tree of the first `bytes` bytes of a file (JSON Lines cut at a line end); nil when
  /// the prefix does not decode.
  static func prefix(_ file: TraceFile, bytes: Int) -> CallTree? {
    var tree = CallTree()
    let all = file.bytes
    var end = min(all.count, bytes)
    switch file.format {
    case .binary:
      var decoder = TraceDecoder(source: file.path)
      do {
        try decoder.feed(UnsafeRawBufferPointer(rebasing: all[0..<end]), into: &tree)
      } catch {
        return nil
      }
    case .jsonLines:
      while end > 0 && all[end - 1] != 0x0A { end -= 1 }
      var decoder = JSONLinesDecoder(source: file.path)
      do {
        _ = try decoder.decode(UnsafeRawBufferPointer(rebasing: all[0..<end])) { tree.append($0) }
      } catch {
        return nil
      }
    }
    tree.finish()
    return tree
  }
}
