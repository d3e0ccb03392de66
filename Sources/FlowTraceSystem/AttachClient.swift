#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a viewer could not attach: one line that names the program or the path.
package struct AttachError: Error, CustomStringConvertible, Sendable {
  package let description: String
  package init(_ description: String) { self.description = description }
}

/// The viewer's side of attaching: finds a running program's socket, checks that the
/// directory, the socket and the process on it all belong to this user, and makes the request.
package enum AttachClient {
  /// How long a program may take to answer a request.
  package static let replyTimeoutMs: Int32 = 2000

  /// A connection to `pid` streaming its trace (blocking, close-on-exec): the `ok` line is
  /// read, the trace follows. Closing it detaches.
  package static func attach(
    pid: Int32, directory: String = AttachDirectory.current()
  ) throws(AttachError) -> Int32 {
    let (fd, reply) = try request(AttachProtocol.attachRequest, pid: pid, directory: directory)
    guard reply == AttachProtocol.accepted else {
      close(fd)
      if reply.hasPrefix(AttachProtocol.busy + " ") {
        let other = reply.dropFirst(AttachProtocol.busy.count + 1)
        throw AttachError("pid \(pid) already has a viewer attached (pid \(other))")
      }
      throw AttachError("pid \(pid) answered \"\(reply.prefix(60))\", not a trace stream")
    }
    return fd
  }

  /// What program `pid` says about itself, or why it could not be asked.
  package static func status(
    pid: Int32, directory: String = AttachDirectory.current()
  ) throws(AttachError) -> AttachProtocol.Status {
    let (fd, reply) = try request(AttachProtocol.statusRequest, pid: pid, directory: directory)
    close(fd)
    guard let status = AttachProtocol.Status(line: Substring(reply)) else {
      throw AttachError("pid \(pid) answered \"\(reply.prefix(60))\", not a status")
    }
    return status
  }

  /// Connects to `pid`'s socket, sends `line` and reads the one-line reply.
  static func request(
    _ line: String, pid: Int32, directory: String
  ) throws(AttachError) -> (fd: Int32, reply: String) {
    let path = try socketPath(pid: pid, directory: directory)
    let fd = UnixSocket.makeStream()
    guard fd >= 0 else { throw AttachError("socket: \(Errno.text(errno))") }
    let code = UnixSocket.connect(fd, to: path)
    guard code == 0 else {
      close(fd)
      if code == ECONNREFUSED, !AttachDirectory.isAlive(pid) {
        unlink(path)
        throw AttachError("pid \(pid) is not running (removed its stale socket \(path))")
      }
      throw AttachError("\(path): \(Errno.text(code))")
    }
    guard let peer = UnixSocket.peerCredentials(fd) else {
      close(fd)
      throw AttachError("\(path): cannot read the credentials of the process on it")
    }
    guard peer.uid == getuid() else {
      close(fd)
      throw AttachError("\(path) is served by uid \(peer.uid), not by you; refused")
    }
    guard AttachLine.write(line, to: fd) else {
      close(fd)
      throw AttachError("pid \(pid) closed the connection")
    }
    guard let reply = AttachLine.read(fd, timeoutMs: replyTimeoutMs) else {
      close(fd)
      throw AttachError("pid \(pid) did not answer within \(replyTimeoutMs / 1000) s")
    }
    return (fd, reply)
  }

  /// `directory/pid.sock` once the directory and the socket file pass the checks.
  static func socketPath(pid: Int32, directory: String) throws(AttachError) -> String {
    var info = stat()
    if lstat(directory, &info) != 0 {
      throw AttachError(
        "no program offers attaching here: \(directory) does not exist "
          + "(is pid \(pid) built with FlowTrace and tracing, without FLOWTRACE_ATTACH=0?)")
    }
    if let problem = AttachDirectory.check(directory) { throw AttachError("refused: \(problem)") }
    let path = AttachDirectory.socketPath(directory, pid: pid)
    guard lstat(path, &info) == 0 else {
      guard AttachDirectory.isAlive(pid) else { throw AttachError("no process with pid \(pid)") }
      throw AttachError(
        "pid \(pid) offers no attach socket (\(path) is missing): not built with FlowTrace, "
          + "no traced call yet, or FLOWTRACE_ATTACH=0")
    }
    guard info.st_mode & S_IFMT == S_IFSOCK else {
      throw AttachError(
        "refused: \(path) is \(FileKind.name(info.st_mode)), not a socket")
    }
    guard info.st_uid == getuid() else {
      throw AttachError("refused: \(path) belongs to uid \(info.st_uid), not to you")
    }
    return path
  }
}
