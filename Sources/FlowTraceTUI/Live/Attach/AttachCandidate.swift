import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// One running program the attach picker lists.
package struct AttachCandidate: Sendable, Equatable {
  package var pid: Int32
  /// The program's name (its path's last part), or what went wrong asking it.
  package var program: String
  /// Seconds since the process started, when known.
  package var uptimeSeconds: Double?
  /// Calls it recorded so far (while tracing was on); nil when it did not answer.
  package var calls: UInt64?

  package init(pid: Int32, program: String, uptimeSeconds: Double?, calls: UInt64?) {
    self.pid = pid
    self.program = program
    self.uptimeSeconds = uptimeSeconds
    self.calls = calls
  }

  /// This user's traced programs offering attaching in `directory`, by pid. Sockets of
  /// processes that are gone are removed on the way.
  static func scan(directory: String) -> [AttachCandidate] {
    guard AttachDirectory.check(directory) == nil else { return [] }
    var found: [AttachCandidate] = []
    for pid in AttachDirectory.listedPIDs(directory) {
      let path = AttachDirectory.socketPath(directory, pid: pid)
      guard AttachDirectory.isAlive(pid) else {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { unlink(path) }
        continue
      }
      let uptime = processUptime(pid)
      do {
        let status = try AttachClient.status(pid: pid, directory: directory)
        let name = status.program.split(separator: "/").last.map(String.init) ?? status.program
        found.append(
          AttachCandidate(pid: pid, program: name, uptimeSeconds: uptime, calls: status.calls))
      } catch {
        found.append(
          AttachCandidate(pid: pid, program: "(\(error))", uptimeSeconds: uptime, calls: nil))
      }
    }
    return found
  }

  /// Seconds since process `pid` started (`/proc/PID/stat` field 22 against `/proc/uptime`).
  static func processUptime(_ pid: Int32) -> Double? {
    guard let stat = readSmall("/proc/\(pid)/stat"), let uptime = readSmall("/proc/uptime"),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    // Fields after the command name (which may hold spaces) start at field 3.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]),
      let now = uptime.split(separator: " ").first.flatMap({ Double($0) })
    else { return nil }
    let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    return perSecond > 0 ? max(0, now - ticks / perSecond) : nil
  }

  private static func readSmall(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { Glibc.close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count], as: UTF8.self)
  }
}
