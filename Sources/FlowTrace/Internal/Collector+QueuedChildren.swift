import CFlowTraceRuntime

// An async call's exit passes only once its task children's calls are read. Those calls are
// committed before the exit (a task group's children start before the group ends), but a
// thread's records are read in order: a child's call can sit behind a record of its thread
// that waits (another async exit waiting for the other threads, a call whose parent is not
// read yet). A thread stuck there does not move, so waiting for threads that move does not
// hold the exit; this look-ahead does.
extension Collector {
  /// True when a thread other than `reader` holds the committed, unread call of a task
  /// child of call `id`.
  func hasQueuedChild(of id: UInt64, besides reader: ThreadRecorder) -> Bool {
    for recorder in recorders where recorder !== reader {
      guard recorder.hasUnread else {
        if childSearches[recorder.index] != nil { childSearches[recorder.index] = nil }
        continue
      }
      let search: ChildSearch
      if let known = childSearches[recorder.index] {
        search = known
      } else {
        search = ChildSearch(recorder)
        childSearches[recorder.index] = search
      }
      search.advance(recorder)
      if search.parents[id, default: 0] > 0 { return true }
    }
    return false
  }
}

/// How far the collector searched one thread's unread records for task children's calls,
/// and the calls found there and not read yet. A thread stuck behind a waiting record is
/// searched once, not again for every exit that passes meanwhile.
final class ChildSearch {
  /// Where the search stopped.
  private var chunk: RecordChunk
  private var index: Int
  /// The thread's read position then (while it did not move, neither did `chunk`'s place).
  private var readChunk: RecordChunk
  private var readIndex: Int
  /// The sequence number of the last call searched (0: none yet).
  private var lastCall: UInt64 = 0
  /// The children's calls found, oldest first, from `head` on: parent and sequence number.
  private var found: [(parent: UInt64, seq: UInt64)] = []
  private var head = 0
  /// How many of `found` each parent has.
  private(set) var parents: [UInt64: Int] = [:]

  init(_ recorder: ThreadRecorder) {
    chunk = recorder.readChunk
    index = recorder.readIndex
    readChunk = recorder.readChunk
    readIndex = recorder.readIndex
  }

  /// Drops the calls read since, and searches the records committed since.
  func advance(_ recorder: ThreadRecorder) {
    let consumed = recorder.consumedSeq
    while head < found.count, found[head].seq <= consumed {
      let parent = found[head].parent
      let left = parents[parent, default: 1] - 1
      parents[parent] = left > 0 ? left : nil
      head += 1
    }
    if head == found.count {
      found.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 1024, head * 2 > found.count {
      found.removeFirst(head)
      head = 0
    }
    // The search's place stays valid (its chunk is not recycled) while the reader has not
    // moved, or has not yet read the last call searched; else start again where it reads.
    let unmoved = readChunk === recorder.readChunk && readIndex == recorder.readIndex
    if !unmoved, consumed >= lastCall {
      chunk = recorder.readChunk
      index = recorder.readIndex
    }
    readChunk = recorder.readChunk
    readIndex = recorder.readIndex
    while true {
      let committed = ft_load_acquire(chunk.committed)
      while index < committed {
        let record = chunk.records[index]
        index += 1
        guard record.kind == .call else { continue }
        let seq = UInt64(record.spare) << 32 | UInt64(record.spare2)
        lastCall = seq
        guard record.flags & RecordFlags.taskParent != 0, record.b != 0, seq > consumed
        else { continue }
        found.append((record.b, seq))
        parents[record.b, default: 0] += 1
      }
      // (`committed` is final once the chunk is sealed: read it again after `sealed`.)
      guard chunk.sealed.load(ordering: .acquiring), index >= ft_load_acquire(chunk.committed),
        let next = chunk.next
      else { return }
      chunk = next
      index = 0
    }
  }
}
