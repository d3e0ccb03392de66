import Dispatch
import FlowTraceWire

/// The diff of two binary trace files without building their whole call trees.
///
/// First `SameRunCheck` reads both files (one thread each) at about the cost of decoding
/// them: when they are the same run (timestamps and ids aside) nothing differs and nothing
/// more is done. Otherwise pass 1 (`TraceDigest`) reads both files (one thread each) and hashes every call's
/// subtree. When every thread pairs and every top-level call hashes alike, the traces agree
/// and nothing is built. Otherwise `CollapsePlan` picks the subtree pairs the aligner is
/// certain to pair that hash alike, pass 2 (`PrunedTreeBuilder`) reads both files again and
/// builds trees without their descendants, and `TreeDiff` aligns what is left, counting each
/// pruned call for its whole subtree. The report is the one `TreeDiff.compare` gives on the
/// full trees; the trees it holds are pruned (empty when the traces agree), so only the
/// nodes its entries name are there to show.
public enum StreamingDiff {
  /// The report, or nil when this path does not apply (JSON Lines, options other than the
  /// default, a truncated or corrupt file, loss records, an inconsistent trace): the caller
  /// then loads both trees (`LoadedTrace`) and runs `TreeDiff.compare`.
  /// `atPeak` runs when both passes are done, with all they hold still alive (to measure
  /// memory); `phases` gets the seconds of each phase (pass 1, plan, pass 2, alignment);
  /// `chunkBytes`: the size of the chunks pass 2 may jump over; `sameRunCheck: false` skips
  /// the first check (to test the passes alone).
  public static func compare(
    _ a: TraceFile, _ b: TraceFile, options: DiffOptions = DiffOptions(),
    atPeak: (() -> Void)? = nil, phases: ((Double) -> Void)? = nil,
    chunkBytes: Int = 32 << 10, sameRunCheck: Bool = true
  ) -> DiffReport? {
    guard applies(a, b, options: options) else { return nil }
    var clock = DispatchTime.now().uptimeNanoseconds
    func lap() {
      let now = DispatchTime.now().uptimeNanoseconds
      phases?(Double(now - clock) / 1e9)
      clock = now
    }
    let sameRun = sameRunCheck ? SameRunCheck.calls(a, b) : nil
    if sameRunCheck { lap() }
    if let calls = sameRun {
      atPeak?()
      var report = DiffReport(a: CallTree(), b: CallTree())
      report.identicalCalls = calls
      return report
    }
    let digests = onBoth(a, b) { digest($0, chunkBytes: chunkBytes) }
    guard let x = digests.0, let y = digests.1 else { return nil }
    lap()
    let plan = CollapsePlan(x, y)
    lap()
    if plan.identical {
      withExtendedLifetime((x, y)) { atPeak?() }
      var report = DiffReport(a: CallTree(), b: CallTree())
      report.identicalCalls = x.calls
      return report
    }
    let built = onBoth(a, b) { file in
      file === a
        ? prune(file, plan: plan.a, digest: x, chunkBytes: chunkBytes)
        : prune(file, plan: plan.b, digest: y, chunkBytes: chunkBytes)
    }
    guard let treeA = built.0, let treeB = built.1 else { return nil }
    lap()
    withExtendedLifetime((x, y)) { atPeak?() }
    let report = TreeDiff.compare(
      treeA.tree, treeB.tree, options: options, weightsA: treeA.weights,
      weightsB: treeB.weights)
    lap()
    return report
  }

  /// Pass 1 on one file: its digest, nil when the file cannot take this path.
  static func digest(_ file: TraceFile, chunkBytes: Int) -> TraceDigest? {
    var digest = TraceDigest()
    // A call and its return take at least ~10 bytes: room for every call, no regrowth.
    digest.reserve(calls: file.bytes.count / 10)
    var decoder = TraceDecoder(source: file.path)
    do {
      var offset = 0
      while offset < file.bytes.count {
        let end = min(file.bytes.count, offset + chunkBytes)
        try decoder.feed(
          UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end]), into: &digest)
        digest.endChunk(decoder)
        offset = end
      }
      try decoder.finish()
    } catch {
      return nil
    }
    guard decoder.isEnded, digest.unsupported == nil, digest.hasHeader else { return nil }
    return digest
  }

  /// Pass 2 on one file: its tree without the descendants of the calls `plan` names.
  static func prune(
    _ file: TraceFile, plan: [[(ordinal: Int, size: Int)]], digest: TraceDigest,
    chunkBytes: Int
  ) -> PrunedTreeBuilder? {
    var builder = PrunedTreeBuilder(plan: plan, digest: digest)
    var decoder = TraceDecoder(source: file.path)
    do {
      // Chunk by chunk as pass 1 read them; a chunk inside a pruned subtree is jumped
      // over (the decoder as pass 1 left it after that chunk).
      var offset = 0
      var k = 0
      while offset < file.bytes.count {
        let end = min(file.bytes.count, offset + chunkBytes)
        if k < digest.checkpoints.count && builder.canSkip(digest.checkpoints[k]) {
          decoder = digest.checkpoints[k].decoder
          builder.skip(digest.checkpoints[k])
        } else {
          try decoder.feed(
            UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end]), into: &builder)
        }
        offset = end
        k += 1
      }
      try decoder.finish()
    } catch {
      return nil
    }
    builder.tree.finish()
    return builder
  }

  /// Whether `compare` may apply: two binary files, default options (it still returns nil
  /// for a file it cannot take).
  public static func applies(_ a: TraceFile, _ b: TraceFile, options: DiffOptions) -> Bool {
    a.format == .binary && b.format == .binary && isDefault(options)
  }

  static func isDefault(_ options: DiffOptions) -> Bool {
    options.include.isEmpty && options.exclude.isEmpty && options.ignoreArgs.isEmpty
      && options.ignoreResults.isEmpty && options.timingPercent == nil
  }

  /// `body` on both files at once, one per core.
  static func onBoth<T>(_ a: TraceFile, _ b: TraceFile, _ body: (TraceFile) -> T?) -> (T?, T?) {
    withoutActuallyEscaping(body) { body in
      let box = Pair<T>(files: [a, b], body: body)
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        let result = box.body(box.files[index])
        if index == 0 { box.first = result } else { box.second = result }
      }
      return (box.first, box.second)
    }
  }

  /// Each iteration reads the files and writes its own result only.
  private final class Pair<T>: @unchecked Sendable {
    let files: [TraceFile]
    let body: (TraceFile) -> T?
    var first: T?
    var second: T?
    init(files: [TraceFile], body: @escaping (TraceFile) -> T?) {
      self.files = files
      self.body = body
    }
  }
}
