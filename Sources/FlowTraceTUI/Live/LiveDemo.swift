import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// `--demo`: a private listener in a fresh temporary directory, and the demo program started
/// as a child (this same binary with a hidden flag) streaming to it.
package final class LiveDemo {
  /// The hidden flag that makes the binary run the demo program instead of the viewer.
  package static let childFlag = "--demo-child"
  /// The private directory holding the socket.
  package let directory: String
  /// The live session the demo streams into.
  package let session: LiveSession
  /// The demo program's process id (0 once reaped).
  package private(set) var child: pid_t = 0
  /// The demo program's process id (kept after it was reaped).
  package private(set) var launchedPID: pid_t = 0
  /// How the child ended, once it did.
  package private(set) var exitStatus: Int32?

  /// Creates the private listener and launches `executable childFlag SECONDS` with
  /// `FLOWTRACE_SOCKET` set and its output discarded (it must not draw over the viewer).
  package init(
    executable: String = "/proc/self/exe", seconds: Double, environment: [String: String]
  ) throws(LiveListenError) {
    var template = Array("/tmp/flowtrace-demo-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
      guard let base = buffer.baseAddress else { return nil }
      return mkdtemp(base)
    }
    guard let made else {
      throw LiveListenError(
        path: "/tmp", message: "cannot create a private directory: \(UnixSocket.describe(errno))")
    }
    directory = String(cString: made)
    let path = directory + "/demo.sock"
    do {
      session = LiveSession(listener: try LiveListener(path: path))
    } catch {
      rmdir(directory)
      throw error
    }
    var env = environment
    env["FLOWTRACE_SOCKET"] = path
    let code = spawn(executable, ["flowtrace-demo", Self.childFlag, String(seconds)], env)
    if code != 0 {
      session.shutdown()
      rmdir(directory)
      throw LiveListenError(
        path: executable, message: "cannot start the demo program: \(UnixSocket.describe(code))")
    }
  }

  deinit { stop() }

  /// Collects the child's exit status if it has ended; true while it still runs.
  @discardableResult
  package func poll() -> Bool {
    guard child > 0 else { return false }
    var status: Int32 = 0
    if waitpid(child, &status, WNOHANG) == child {
      exitStatus = status
      child = 0
      return false
    }
    return true
  }

  /// Ends the demo program if it still runs, closes the listener and removes the directory.
  package func stop() {
    if child > 0 {
      kill(child, SIGTERM)
      var status: Int32 = 0
      waitpid(child, &status, 0)
      exitStatus = status
      child = 0
    }
    session.shutdown()
    rmdir(directory)
  }

  private func spawn(_ path: String, _ arguments: [String], _ env: [String: String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = env.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, path, &actions, nil, argv, envp)
    if code == 0 {
      child = pid
      launchedPID = pid
    }
    return code
  }
}
