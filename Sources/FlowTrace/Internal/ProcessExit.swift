import Glibc
import Synchronization

/// The status the program passes to `exit` (or returns from `main`), caught by an `on_exit`
/// handler so that the sinks' end records can say how the program ended (`exited 3`).
enum ProcessExit {
  /// -1 until the program exits; then the status's low 8 bits (what its parent sees).
  private static let code = Atomic<Int32>(-1)

  /// The exit status, once the program is exiting; nil before.
  static var status: Int32? {
    let value = code.load(ordering: .acquiring)
    return value < 0 ? nil : value
  }

  /// Registers the handler. Handlers run in the reverse order of registration, so register
  /// it after the handler that closes the sinks: it then runs first.
  static func install() {
    _ = on_exit({ status, _ in ProcessExit.record(status) }, nil)
  }

  /// Stores `status` (its low 8 bits).
  static func record(_ status: Int32) {
    code.store(status & 0xFF, ordering: .releasing)
  }
}
