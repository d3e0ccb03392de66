/// The columns a search scans, one chunk at a time.
struct CallPiece {
  /// The node of element 0.
  let first: Int
  let flags: UnsafeBufferPointer<NodeFlags>
  /// Site indices as `IndexColumn` codes: use `site(_:in:)`.
  let refs: UnsafeBufferPointer<UInt16>
  let argRefs: UnsafeBufferPointer<UInt32>
  let resultRefs: UnsafeBufferPointer<UInt32>
}

extension CallPiece {
  /// The site index of element `k` (the rare index past 16 bits from the tree).
  @inline(__always)
  func site(_ k: Int, in tree: CallTree) -> Int {
    let code = refs[k]
    return code == IndexColumn.overflowed ? Int(tree.refs[first + k]) : Int(code)
  }
}

extension CallTree {
  /// Calls `body` with the flags, refs, argument and result columns of the nodes in `range`,
  /// a chunk at a time (scans over every node without a chunk lookup per element).
  func forEachPiece(in range: Range<Int>, _ body: (CallPiece) -> Void) {
    var start = max(0, range.lowerBound)
    let end = min(count, range.upperBound)
    let shift = Column<UInt32>.shift
    let size = Column<UInt32>.chunkSize
    while start < end {
      let chunk = start >> shift
      let offset = start & (size - 1)
      let part = offset..<offset + min(end - start, size - offset)
      flags.chunks[chunk].withUnsafeBufferPointer { f in
        refs.values.chunks[chunk].withUnsafeBufferPointer { r in
          argRefs.chunks[chunk].withUnsafeBufferPointer { a in
            resultRefs.chunks[chunk].withUnsafeBufferPointer { x in
              body(
                CallPiece(
                  first: start, flags: UnsafeBufferPointer(rebasing: f[part]),
                  refs: UnsafeBufferPointer(rebasing: r[part]),
                  argRefs: UnsafeBufferPointer(rebasing: a[part]),
                  resultRefs: UnsafeBufferPointer(rebasing: x[part])))
            }
          }
        }
      }
      start += part.count
    }
  }
}
