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
    // Found once a round: an exit passing without forcing was armed a round earlier, after
    // its children were committed. A forced one may be new: look again.
    if queuedChildren == nil || forceLevel >= 2 { queuedChildren = findQueuedChildren() }
    guard let holders = queuedChildren?[id] else { return false }
    return holders.contains { $0 != reader.index }
  }

  /// The task children's calls committed but not read, by parent, on every thread.
  private func findQueuedChildren() -> [UInt64: [UInt32]] {
    var found: [UInt64: [UInt32]] = [:]
    for recorder in recorders where recorder.hasUnread {
      var chunk = recorder.readChunk
      var index = recorder.readIndex
      while true {
        let committed = ft_load_acquire(chunk.committed)
        while index < committed {
          let record = chunk.records[index]
          index += 1
          guard record.kind == .call, record.flags & RecordFlags.taskParent != 0, record.b != 0
          else { continue }
          if found[record.b]?.contains(recorder.index) != true {
            found[record.b, default: []].append(recorder.index)
          }
        }
        // (`committed` is final once the chunk is sealed: read it again after `sealed`.)
        guard chunk.sealed.load(ordering: .acquiring), index >= ft_load_acquire(chunk.committed),
          let next = chunk.next
        else { break }
        chunk = next
        index = 0
      }
    }
    return found
  }
}
