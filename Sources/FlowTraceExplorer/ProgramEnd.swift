/// How a live program ended, as far as the viewer could learn it: from the program's end
/// record (which carries its exit status), or from its wait status when the viewer can see it
/// (its own child, or a process not yet reaped), else only that the connection closed.
public struct ProgramEnd: Sendable, Equatable {
  /// What ended the program.
  public enum Cause: Sendable, Equatable {
    /// It exited with this status (0–255).
    case exited(Int32)
    /// This signal ended it (`SIGKILL` = 9).
    case killed(signal: Int32)
    /// Its stream ended cleanly without an exit status (it stopped streaming while running).
    case ended
    /// The connection closed without an end record, and how the program ended is unknown.
    case disconnected
  }

  public var cause: Cause
  /// How long the program ran: from the start of its trace to its end, in ns (nil: unknown).
  public var runTime: UInt64?

  /// An end with its cause and run time.
  public init(cause: Cause, runTime: UInt64?) {
    self.cause = cause
    self.runTime = runTime
  }

  /// Decodes a wait status as `waitpid` reports it: an exit or a killing signal; nil for a
  /// stopped or continued process.
  public init?(waitStatus status: Int32, runTime: UInt64?) {
    let signal = status & 0x7F
    if signal == 0 {
      self.init(cause: .exited((status >> 8) & 0xFF), runTime: runTime)
    } else if signal != 0x7F {
      self.init(cause: .killed(signal: signal), runTime: runTime)
    } else {
      return nil
    }
  }

  /// Whether the cause is known beyond "the connection closed".
  public var isKnown: Bool { cause != .disconnected }
}

extension CallTree {
  /// Records how `program` ended (shown on its row and in the live title).
  public mutating func setEnd(_ end: ProgramEnd, program: Int) {
    guard program >= 0 && program < programStates.count else { return }
    programStates[program].info.end = end
  }
}
