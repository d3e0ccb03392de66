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
    }
    guard !retired.isEmpty else { return }
    recorders.removeAll { retired.contains($0.index) }
    Registry.shared.retire(retired)
  }
}
