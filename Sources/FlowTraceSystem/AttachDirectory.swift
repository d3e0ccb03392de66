#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The per-user directory where traced programs offer to be attached to (`PID.sock`), shared
/// by the runtime (which listens there) and the viewers (which connect).
///
/// `$XDG_RUNTIME_DIR/flowtrace` when `XDG_RUNTIME_DIR` is an absolute path to a directory of
/// this user, else `/tmp/flowtrace-UID`. The directory must be a real directory (not a
/// symbolic link) owned by this user with no group or other access; anything else is refused.
package enum AttachDirectory {
  /// The directory for `uid` given the value of `XDG_RUNTIME_DIR` (nil when unset).
  package static func path(runtimeDirectory: String?, uid: uid_t = getuid()) -> String {
    if let base = runtimeDirectory, base.hasPrefix("/") {
      var info = stat()
      if stat(base, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == uid {
        return base.hasSuffix("/") ? base + "flowtrace" : base + "/flowtrace"
      }
    }
    return "/tmp/flowtrace-\(uid)"
  }

  /// The directory for this process's environment.
  package static func current() -> String {
    path(runtimeDirectory: getenv("XDG_RUNTIME_DIR").map { String(cString: $0) })
  }

  /// The socket a program with `pid` listens on in `directory`.
  package static func socketPath(_ directory: String, pid: Int32) -> String {
    "\(directory)/\(pid).sock"
  }

  /// Creates `directory` (mode 0700) if it is missing, then checks it; nil when it is fit for
  /// use, else why not (one line, naming the path). Never follows or changes what it refuses.
  package static func prepare(_ directory: String, create: Bool = true) -> String? {
    if create, mkdir(directory, 0o700) != 0, errno != EEXIST {
      return "cannot create \(directory): \(Errno.text(errno))"
    }
    return check(directory)
  }

  /// Nil when `directory` is a real directory of this user closed to everyone else, else why.
  package static func check(_ directory: String, uid: uid_t = getuid()) -> String? {
    var info = stat()
    guard lstat(directory, &info) == 0 else { return "\(directory): \(Errno.text(errno))" }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFDIR else {
      return "\(directory) is \(FileKind.name(info.st_mode)), not a directory"
    }
    guard info.st_uid == uid else {
      return "\(directory) belongs to uid \(info.st_uid), not to uid \(uid)"
    }
    guard info.st_mode & 0o077 == 0 else {
      let mode = String(info.st_mode & 0o777, radix: 8)
      return "\(directory) has mode \(mode): group or others can reach it (want 700)"
    }
    return nil
  }

  /// The pids with a socket in `directory`, ascending (names `PID.sock`; others ignored).
  package static func listedPIDs(_ directory: String) -> [Int32] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var pids: [Int32] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name.hasSuffix(".sock"), let pid = Int32(name.dropLast(5)), pid > 0 else { continue }
      pids.append(pid)
    }
    return pids.sorted()
  }

  /// Whether a process with `pid` exists (it may belong to another user).
  package static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
