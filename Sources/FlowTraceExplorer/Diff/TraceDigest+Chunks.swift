import FlowTraceWire

/// Where pass 2 of the streaming diff may jump over a chunk of a file: the decoder as it is
/// after the chunk, and, when the chunk held only calls and returns of one space, what pass
/// 2 needs to skip it (the chunk lies inside a pruned subtree when that subtree's call was
/// open before the chunk and stayed open through it).
struct Checkpoint {
  /// The decoder after the chunk.
  var decoder: TraceDecoder
  /// The space whose calls and returns were all the chunk held (-1: not so).
  var space = -1
  /// Ordinals of the space's open calls when the chunk began, outermost first.
  var startStack: [Int] = []
  /// The fewest calls open in the space at any point of the chunk.
  var minDepth = 0
  /// Calls of the space started by the chunk's end, and the ids of those still open.
  var next = 0
  var openIDs: [UInt64] = []
}

/// What the chunk being read has held so far.
struct ChunkTracker {
  /// Only calls and returns (no definitions, errors, losses, end).
  var plain = true
  var space = -1
  var startStack: [Int] = []
  var minDepth = Int.max
}

extension TraceDigest {
  /// Notes a call or return of the current space, before it changes the open calls.
  @inline(__always)
  mutating func noteChunk() {
    let s = currentSpace
    if chunk.space == -1 {
      chunk.space = s
      chunk.startStack = openOrdinals
      chunk.minDepth = currentDepth
    } else if chunk.space != s {
      chunk.plain = false
    }
  }

  /// Ends a chunk: records a checkpoint with the decoder after it.
  mutating func endChunk(_ decoder: TraceDecoder) {
    var point = Checkpoint(decoder: decoder)
    if chunk.plain && chunk.space >= 0 && chunk.space == currentSpace {
      point.space = chunk.space
      point.startStack = chunk.startStack
      point.minDepth = chunk.minDepth
      point.next = currentCount
      point.openIDs = openIDs
    }
    checkpoints.append(point)
    chunk = ChunkTracker()
  }
}
