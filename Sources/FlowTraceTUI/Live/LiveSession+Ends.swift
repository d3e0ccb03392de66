import FlowTraceExplorer

extension LiveSession {
  /// How long after its connection closed a program's end may still be learnt (its parent
  /// reaps it, or the demo program's wait status arrives).
  static let endResolveNanos: UInt64 = 5_000_000_000

  /// Remembers the wait status of a process the viewer reaped itself (the `--demo` program):
  /// its row then says `killed by SIGKILL` rather than `disconnected`.
  package func noteExit(pid: Int32, waitStatus: Int32) {
    reapedStatuses[pid] = waitStatus
  }

  /// Starts looking for the wait status of a connection that closed without an end record.
  func watchEnd(of connection: LiveConnection) {
    unresolvedEnds.append((connection, Self.monotonicNanos() &+ Self.endResolveNanos))
  }

  /// Turns `disconnected` ends into `killed by …` or `exited N` when the process's wait status
  /// becomes known: the viewer reaped it, or it is a zombie not yet reaped by its parent.
  func resolveEnds(in tree: inout CallTree) {
    guard !unresolvedEnds.isEmpty else { return }
    let now = Self.monotonicNanos()
    unresolvedEnds.removeAll { connection, until in
      guard let program = connection.program, let end = tree.program(program).end,
        end.cause == .disconnected
      else { return true }
      let pid = connection.peerPID
      // A zombie's status reads 0 when /proc withholds it; and a program that exits 0 sends
      // its end record: so a zombie's 0 says nothing.
      let zombie = PeerExit.zombieStatus(pid: pid).flatMap { $0 == 0 ? nil : $0 }
      if let status = reapedStatuses[pid] ?? zombie,
        let known = ProgramEnd(waitStatus: status, runTime: end.runTime)
      {
        tree.setEnd(known, program: program)
        pendingMessages.append("\(connection.displayName(in: tree)) \(known.text())")
        return true
      }
      return now >= until
    }
  }
}
