import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A non-blocking Unix-domain socket that traced programs connect to
/// (`FLOWTRACE_SOCKET=<path> ./program`). Only peers of `allowedUID` are kept.
package final class LiveListener {
  /// The socket's path.
  package let path: String
  /// The listening descriptor (poll it for `POLLIN`).
  package private(set) var fd: Int32
  /// Peers with another user id are refused.
  package let allowedUID: uid_t
  private var inode: ino_t = 0

  /// Binds and listens on `path`. A stale socket there is replaced; a live one (another viewer),
  /// a regular file, a symbolic link or anything else is left alone and reported.
  package init(path: String, allowedUID: uid_t = getuid()) throws(LiveListenError) {
    self.path = path
    self.allowedUID = allowedUID
    fd = -1
    try checkPath()
    try clearStale()
    fd = UnixSocket.makeStream()
    guard fd >= 0 else {
      throw LiveListenError(path: path, message: "socket: \(UnixSocket.describe(errno))")
    }
    // The socket file is created by bind with the umask applied: make it 0600 from the start.
    let previous = umask(0o177)
    let code = UnixSocket.bind(fd, to: path)
    umask(previous)
    if code != 0 {
      Glibc.close(fd)
      fd = -1
      throw bindError(code)
    }
    _ = chmod(path, 0o600)
    var info = stat()
    if lstat(path, &info) == 0 { inode = info.st_ino }
    guard listen(fd, 128) == 0 else {
      let code = errno
      close()
      throw LiveListenError(path: path, message: "listen: \(UnixSocket.describe(code))")
    }
    UnixSocket.setNonBlocking(fd)
  }

  deinit { close() }

  /// Accepts every pending connection. Peers of another user are closed at once and
  /// reported as `.refused`.
  package func acceptPending() -> [LiveAcceptOutcome] {
    var outcomes: [LiveAcceptOutcome] = []
    while fd >= 0 {
      let client = UnixSocket.accept(fd)
      if client < 0 {
        let code = errno
        if code == EINTR || code == ECONNABORTED { continue }
        if code != EAGAIN && code != EWOULDBLOCK {
          outcomes.append(.refused("accept failed: \(UnixSocket.describe(code))"))
        }
        break
      }
      guard let peer = UnixSocket.peerCredentials(client) else {
        Glibc.close(client)
        outcomes.append(.refused("refused a connection: cannot read its credentials"))
        continue
      }
      guard peer.uid == allowedUID else {
        Glibc.close(client)
        outcomes.append(
          .refused("refused a connection from uid \(peer.uid) (pid \(peer.pid)): not your user"))
        continue
      }
      outcomes.append(.accepted(fd: client, pid: peer.pid))
    }
    return outcomes
  }

  /// Stops listening and removes the socket file if it is still the one this listener made.
  package func close() {
    guard fd >= 0 else { return }
    Glibc.close(fd)
    fd = -1
    var info = stat()
    if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK, info.st_ino == inode {
      unlink(path)
    }
  }

  private func checkPath() throws(LiveListenError) {
    let length = path.utf8.count
    guard length > 0 else { throw LiveListenError(path: path, message: "empty path") }
    guard length < UnixSocket.pathCapacity else {
      throw LiveListenError(
        path: path,
        message:
          "path too long (\(length) bytes; a Unix socket path holds at most "
          + "\(UnixSocket.pathCapacity - 1))")
    }
    let directory = LiveSocketPath.directory(of: path)
    guard LiveSocketPath.isDirectory(directory) else {
      throw LiveListenError(path: path, message: "directory \(directory) does not exist")
    }
  }

  /// Removes a socket file nobody listens on; refuses anything else that is in the way.
  private func clearStale() throws(LiveListenError) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard info.st_mode & S_IFMT == S_IFSOCK else {
      throw LiveListenError(
        path: path,
        message:
          "exists and is \(FileKind.name(info.st_mode)), not a socket; "
          + "not replacing it")
    }
    if UnixSocket.isListening(at: path) {
      throw LiveListenError(
        path: path,
        message:
          "another viewer is already listening there (quit it, or pass another path to --listen)"
      )
    }
    guard unlink(path) == 0 else {
      throw LiveListenError(
        path: path, message: "cannot remove the stale socket: \(UnixSocket.describe(errno))")
    }
  }

  private func bindError(_ code: Int32) -> LiveListenError {
    switch code {
    case EACCES, EPERM:
      return LiveListenError(path: path, message: "permission denied")
    case EADDRINUSE:
      return LiveListenError(path: path, message: "address already in use")
    case ENOENT, ENOTDIR:
      return LiveListenError(
        path: path, message: "directory \(LiveSocketPath.directory(of: path)) does not exist")
    default:
      return LiveListenError(path: path, message: "bind: \(UnixSocket.describe(code))")
    }
  }
}

/// What accepting one pending connection gave.
package enum LiveAcceptOutcome: Sendable, Equatable {
  /// A peer of the allowed user: its non-blocking descriptor and process id.
  case accepted(fd: Int32, pid: Int32)
  /// A connection that was closed at once, with the reason.
  case refused(String)
}
