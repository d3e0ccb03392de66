import FlowTraceWire

extension StreamingDiff {
  /// The explorer's merged tree (`MergedDiff`) of two binary traces, built from the pruned
  /// trees of the streaming diff instead of two whole trees: every difference and the calls
  /// above it are there as in the whole merged tree; a pair of subtrees certain to pair and
  /// alike is one node, its top call, standing for its calls (`MergedDiff.foldedCalls`).
  /// When the traces agree, the threads and their top-level calls. Nil when this path does
  /// not apply (as for `compare`): the caller loads both trees. Traces the same-run check
  /// accepts (`sameRunCheck`) take no digest: A's top-level calls are read in one more pass.
  public static func merged(
    _ a: TraceFile, _ b: TraceFile, options: DiffOptions = DiffOptions(),
    chunkBytes: Int = 32 << 10, sameRunCheck: Bool = true
  ) -> MergedDiff? {
    guard applies(a, b, options: options) else { return nil }
    if sameRunCheck, SameRunCheck.calls(a, b) != nil, let top = topLevel(a) {
      return MergedDiff(top.tree, top.tree, options: options, weightsA: top.weights)
    }
    let digests = onBoth(a, b) { digest($0, chunkBytes: chunkBytes) }
    guard let x = digests.0, let y = digests.1 else { return nil }
    let plan = CollapsePlan(x, y, walkAlike: true)
    let built = onBoth(a, b) { file in
      file === a
        ? prune(file, plan: plan.a, digest: x, chunkBytes: chunkBytes)
        : prune(file, plan: plan.b, digest: y, chunkBytes: chunkBytes)
    }
    guard let treeA = built.0, let treeB = built.1 else { return nil }
    return MergedDiff(treeA.tree, treeB.tree, options: options, weightsA: treeA.weights)
  }
}

extension StreamingDiff {
  /// A's thread and top-level calls (`TopLevelBuilder`), nil when the file cannot be read.
  static func topLevel(_ file: TraceFile) -> TopLevelBuilder? {
    var builder = TopLevelBuilder()
    var decoder = TraceDecoder(source: file.path)
    do {
      try decoder.feed(UnsafeRawBufferPointer(rebasing: file.bytes[...]), into: &builder)
      try decoder.finish()
    } catch {
      return nil
    }
    builder.tree.finish()
    return builder
  }
}
