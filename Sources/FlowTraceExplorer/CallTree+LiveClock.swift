extension CallTree {
  /// Live mode: moves a running program's clock forward to `time` (ns since its trace start)
  /// so the elapsed time of its running calls keeps ticking between events.
  public mutating func advanceClock(program: Int, to time: UInt64) {
    guard program >= 0, program < programStates.count,
      programStates[program].info.state == .running,
      time > programStates[program].latestTime
    else { return }
    programStates[program].latestTime = time
  }
}
