import Synchronization

// Thread churn: a recorder is dropped once its thread ended and the collector has read
// everything it wrote, so a program that runs 10,000 short-lived threads keeps the memory of
// the live ones (plus a slot of 8 bytes and a thread definition for each that ended).
extension Collector {
  /// Takes the drain's snapshot's new recorders into the id-indexed slots.
  func noteNewRecorders() {
    guard let last = recorders.last, Int(last.index) > slots.count else { return }
    for recorder in recorders where Int(recorder.index) > slots.count {
      while slots.count < Int(recorder.index) - 1 { slots.append(nil) }
      slots.append(recorder)
    }
  }

  /// Takes in the threads that recorded their first call since the drain began. An async
  /// exit armed meanwhile waits for them too: a task group's children on a pool thread's
  /// first traced call are committed before their parent's exit, but after the snapshot.
  func adoptNewRecorders() {
    let now = fixedRecorders ?? Registry.shared.snapshot()
    guard now.count != recorders.count || now.last !== recorders.last else { return }
    let known = Set(recorders.map(ObjectIdentifier.init))
    for recorder in now where !known.contains(ObjectIdentifier(recorder)) {
      recorder.progressedLastRound = true
    }
    recorders = now
    noteNewRecorders()
  }

  /// Retires the recorders whose threads ended, were read to the end, and hold no open call
  /// that a later record (an async call ending on another thread) could still refer to.
  func retireReadThreads() {
    var retired: Set<UInt32> = []
    for recorder in recorders
    where recorder.readChunk === RecordChunk.finished && recorder.open.count == 0
      && !recorder.exitArmed && recorder.exited.load(ordering: .acquiring)
    {
      retired.insert(recorder.index)
      slots[Int(recorder.index) - 1] = nil
      childSearches[recorder.index] = nil
    }
    guard !retired.isEmpty else { return }
    recorders.removeAll { retired.contains($0.index) }
    Registry.shared.retire(retired)
  }
}
