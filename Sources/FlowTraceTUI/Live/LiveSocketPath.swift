import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Where the live viewer listens when no path is given, and the private directory it uses.
package enum LiveSocketPath {
  /// `$XDG_RUNTIME_DIR/flowtrace.sock`, else `/tmp/flowtrace-$UID/flowtrace.sock`.
  package static func defaultPath(environment: [String: String]) -> String {
    if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"),
      isDirectory(runtime)
    {
      return runtime.hasSuffix("/") ? runtime + "flowtrace.sock" : runtime + "/flowtrace.sock"
    }
    return "\(privateDirectory(uid: getuid()))/flowtrace.sock"
  }

  /// `/tmp/flowtrace-UID`: the fallback directory for the default socket.
  package static func privateDirectory(uid: uid_t) -> String { "/tmp/flowtrace-\(uid)" }

  /// Creates `directory` with mode 0700, or checks that an existing one is a real directory
  /// owned by this user and closed to others (tightening its mode if it is ours).
  package static func preparePrivateDirectory(_ directory: String) throws(LiveListenError) {
    // chmod after mkdir: the umask (which a listener binding on another thread changes for a
    // moment) must not leave the directory without its owner's search bit.
    if mkdir(directory, 0o700) == 0, chmod(directory, 0o700) == 0 { return }
    let code = errno
    guard code == EEXIST else {
      throw LiveListenError(
        path: directory, message: "cannot create directory: \(UnixSocket.describe(code))")
    }
    var info = stat()
    guard lstat(directory, &info) == 0 else {
      throw LiveListenError(path: directory, message: UnixSocket.describe(errno))
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw LiveListenError(
        path: directory, message: "exists and is not a directory (\(FileKind.name(info.st_mode)))")
    }
    guard info.st_uid == getuid() else {
      throw LiveListenError(
        path: directory, message: "directory belongs to uid \(info.st_uid), not to you")
    }
    if info.st_mode & 0o077 != 0 {
      guard chmod(directory, 0o700) == 0 else {
        throw LiveListenError(
          path: directory, message: "cannot make it private: \(UnixSocket.describe(errno))")
      }
    }
  }

  /// The directory part of a path (`.` for a bare name).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let dir = path[..<slash]
    return dir.isEmpty ? "/" : String(dir)
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }
}
