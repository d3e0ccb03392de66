import CFlowTraceRuntime
import FlowTraceSystem
import Glibc

/// Lets a viewer attach to the running program (`flowtrace-tui --attach PID`).
///
/// Started once with the runtime (unless `FLOWTRACE_ATTACH=0`): listens on
/// `<AttachDirectory>/<pid>.sock` from a thread that sleeps in `poll` until someone connects,
/// so a program nobody attaches to pays nothing per call. A peer of another user is closed
/// at once; a directory or file that is not exactly what it should be disables attaching
/// with one line on stderr. The socket file is removed at exit.
enum AttachPoint {
  /// The socket's path (a C string, for the exit handler) and inode, once listening.
  nonisolated(unsafe) private static var socketPath: UnsafeMutablePointer<CChar>?
  nonisolated(unsafe) private static var socketInode: ino_t = 0

  /// Whether the environment opts the program out (`FLOWTRACE_ATTACH=0`).
  static var optedOut: Bool {
    guard let value = Environment.get("FLOWTRACE_ATTACH") else { return false }
    return ["0", "false", "no", "off"].contains(value.lowercased())
  }

  /// Sets up the socket and its thread (called once, from the runtime's start).
  static func start() {
    guard !optedOut else { return }
    let directory = AttachDirectory.current()
    if let problem = AttachDirectory.prepare(directory) { return refuse(problem) }
    let path = AttachDirectory.socketPath(directory, pid: getpid())
    guard path.utf8.count < UnixSocket.pathCapacity else {
      return refuse("\(path): path too long for a Unix socket")
    }
    var info = stat()
    if lstat(path, &info) == 0 {
      // A socket left by an earlier process with this pid is ours (the directory is ours
      // alone) and dead; anything else is left alone.
      guard info.st_mode & S_IFMT == S_IFSOCK else {
        return refuse("\(path) is \(FileKind.name(info.st_mode)), not a socket")
      }
      unlink(path)
    }
    let listener = UnixSocket.listening(at: path, backlog: 4)
    guard listener >= 0 else { return refuse("cannot listen on \(path): \(Errno.text(errno))") }
    _ = chmod(path, 0o600)
    if lstat(path, &info) == 0 { socketInode = info.st_ino }
    socketPath = strdup(path)
    atexit { AttachPoint.removeSocket() }
    let box = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    box.initialize(to: listener)
    var thread = pthread_t()
    let made = pthread_create(
      &thread, nil,
      { raw in
        let box = raw!.assumingMemoryBound(to: Int32.self)
        let listener = box.pointee
        box.deallocate()
        AttachPoint.run(listener)
        return nil
      }, box)
    if made == 0 {
      pthread_detach(thread)
    } else {
      box.deallocate()
      close(listener)
      removeSocket()
    }
  }

  /// One line on stderr: attaching is off for this run, the program carries on.
  private static func refuse(_ problem: String) {
    let message = "flowtrace: attach disabled: \(problem)\n"
    message.withCString { _ = Glibc.write(2, $0, strlen($0)) }
  }

  /// Removes the socket file if it is still the one this process made.
  static func removeSocket() {
    guard let path = socketPath else { return }
    var info = stat()
    if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK, info.st_ino == socketInode {
      unlink(path)
    }
  }

  /// True when the peer on `fd` runs as `uid` (`SO_PEERCRED`).
  static func admits(_ fd: Int32, uid: uid_t = getuid()) -> Bool {
    admittedPeer(fd, uid: uid) != nil
  }

  /// The peer on `fd` (`SO_PEERCRED`) when it runs as `uid`, else nil.
  private static func admittedPeer(
    _ fd: Int32, uid: uid_t = getuid()
  ) -> (pid: Int32, uid: uid_t)? {
    guard let peer = UnixSocket.peerCredentials(fd), peer.uid == uid else { return nil }
    return peer
  }

  /// The attach thread: waits for viewers and for the attached one to go away.
  private static func run(_ listener: Int32) {
    ft_set_thread_name("flowtrace-attach")
    var viewer = AttachedViewer()
    while true {
      var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
      if viewer.watch >= 0 {
        fds.append(pollfd(fd: viewer.watch, events: Int16(POLLIN), revents: 0))
      }
      if poll(&fds, nfds_t(fds.count), -1) < 0 {
        if errno != EINTR { usleep(100_000) }
        continue
      }
      if fds.count > 1, fds[1].revents != 0 { viewer.checkGone() }
      if fds[0].revents != 0 { serve(listener, &viewer) }
    }
  }

  /// Answers one connection: a status line, or the trace stream for an attaching viewer.
  private static func serve(_ listener: Int32, _ viewer: inout AttachedViewer) {
    let fd = ft_accept_cloexec(listener)
    guard fd >= 0 else { return }
    guard let peer = admittedPeer(fd) else {
      close(fd)
      return
    }
    switch AttachLine.read(fd, timeoutMs: 500) {
    case "status":
      AttachLine.write(Runtime.shared.attachStatus().line, to: fd)
      close(fd)
    case "attach":
      if viewer.watch >= 0 {
        AttachLine.write("\(AttachProtocol.busy) \(viewer.pid)\n", to: fd)
        close(fd)
        return
      }
      let watch = fcntl(fd, F_DUPFD_CLOEXEC, 0)
      guard watch >= 0, AttachLine.write("\(AttachProtocol.accepted)\n", to: fd) else {
        if watch >= 0 { close(watch) }
        close(fd)
        return
      }
      viewer = AttachedViewer(watch: watch, pid: peer.pid)
      Runtime.shared.attach(fd)
    default:
      close(fd)
    }
  }
}

/// The attached viewer, watched through a duplicate of its socket (the sink owns the other).
struct AttachedViewer {
  var watch: Int32 = -1
  var pid: Int32 = 0

  /// The viewer sends nothing after its request: end of file, an error or stray bytes all
  /// mean it is gone (or misbehaves): detach.
  mutating func checkGone() {
    var byte: UInt8 = 0
    let count = recv(watch, &byte, 1, Int32(MSG_DONTWAIT))
    if count < 0, errno == EAGAIN || errno == EINTR { return }
    close(watch)
    watch = -1
    Runtime.shared.detach()
  }
}
