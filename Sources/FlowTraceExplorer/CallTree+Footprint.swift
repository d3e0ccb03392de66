extension CallTree {
  /// Bytes in use per column and table (counts, not capacities), in layout order: what the
  /// memory benchmark prints to show where a trace's bytes go (an error-table entry counted
  /// as 48 bytes, an estimate).
  package var columnFootprint: [(name: String, bytes: Int)] {
    [
      ("parent", parents.byteCount), ("first child", firstChildren.byteCount),
      ("next sibling", nextSiblings.byteCount), ("depth", depths.byteCount),
      ("flags", flags.byteCount), ("site", refs.byteCount), ("context", contexts.byteCount),
      ("start", starts.byteCount), ("duration", durations.byteCount),
      ("argument record", argRefs.byteCount), ("result record", resultRefs.byteCount),
      ("strings", arena.bytes.count),
      ("errors", errorTable.count * 48 + errorNodes.count * 4),
    ]
  }
}

extension Outline {
  /// Bytes the outline holds: stored rows, fold bits, anchors.
  package var footprint: (rows: Int, folds: Int, anchors: Int) {
    (rows.byteCount, collapsed.words.count * 8, anchorRows.count * 8)
  }
}
