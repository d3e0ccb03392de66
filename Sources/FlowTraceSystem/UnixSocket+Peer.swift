#if canImport(Glibc)
  import Glibc

  extension UnixSocket {
    /// Accepts one pending connection, made close-on-exec and non-blocking; -1 with `errno`
    /// set when none waits or on failure. (Glibc's `accept4` is hidden from Swift behind
    /// `_GNU_SOURCE`; the viewer, the only caller, spawns its one child from this same thread,
    /// so no `fork` can fall between the two calls.)
    package static func accept(_ listener: Int32) -> Int32 {
      let fd = Glibc.accept(listener, nil, nil)
      guard fd >= 0 else { return -1 }
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      setNonBlocking(fd)
      return fd
    }

    /// The peer's process id and user id (`SO_PEERCRED`).
    package static func peerCredentials(_ fd: Int32) -> (pid: Int32, uid: uid_t)? {
      // `struct ucred { pid_t pid; uid_t uid; gid_t gid; }` (hidden behind _GNU_SOURCE).
      var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
      var length = socklen_t(MemoryLayout.size(ofValue: credentials))
      let rc = withUnsafeMutableBytes(of: &credentials) {
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &length)
      }
      guard rc == 0, Int(length) == MemoryLayout.size(ofValue: credentials) else { return nil }
      return (credentials.pid, uid_t(credentials.uid))
    }
  }
#endif
