import FlowTraceSystem
import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace record --attach PID -o FILE`: attaches to a running program and writes what it
/// streams to FILE until interrupted (SIGINT, SIGTERM) or the program ends. The file holds
/// only whole records, so it always reads back cleanly.
enum RecordAttach {
  /// The write end of the pipe the signal handler wakes the loop through.
  nonisolated(unsafe) private static var wakeFD: Int32 = -1

  /// Records; returns the number of calls written and whether the program ended.
  static func run(pid: Int32, to path: String) throws(CLIError) -> (calls: Int, ended: Bool) {
    var wake: [Int32] = [-1, -1]
    guard pipe(&wake) == 0 else { throw CLIError("pipe: \(Errno.text(errno))") }
    defer {
      close(wake[0])
      close(wake[1])
    }
    wakeFD = wake[1]
    let handler: @convention(c) (Int32) -> Void = { _ in
      var byte: UInt8 = 1
      _ = write(RecordAttach.wakeFD, &byte, 1)
    }
    // A parent may have left them blocked (the mask is inherited): they must reach us.
    var wanted = sigset_t()
    sigemptyset(&wanted)
    sigaddset(&wanted, SIGINT)
    sigaddset(&wanted, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    let previousInt = signal(SIGINT, handler)
    let previousTerm = signal(SIGTERM, handler)
    defer {
      signal(SIGINT, previousInt)
      signal(SIGTERM, previousTerm)
    }
    let fd: Int32
    do {
      fd = try AttachClient.attach(pid: pid)
    } catch {
      throw CLIError("--attach: \(error)")
    }
    defer { close(fd) }
    unlink(path)
    let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard file >= 0 else { throw CLIError("\(path): \(Errno.text(errno))") }
    defer { close(file) }
    var calls = 0
    var decoder = TraceDecoder(source: "pid \(pid)")
    var visitor = EventVisitor { if case .call = $0 { calls += 1 } }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var written = 0
    while !decoder.isEnded {
      var fds = [
        pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0),
      ]
      if poll(&fds, 2, -1) < 0 {
        if errno == EINTR { continue }
        throw CLIError("poll: \(Errno.text(errno))")
      }
      if fds[1].revents != 0 { break }
      let count = read(fd, &buffer, buffer.count)
      if count < 0, errno == EINTR || errno == EAGAIN { continue }
      guard count > 0 else { break }
      do {
        try decoder.feed(Array(buffer[0..<count]), into: &visitor)
      } catch {
        throw CLIError("pid \(pid) sent a broken stream: \(error)")
      }
      var offset = 0
      while offset < count {
        let done = buffer.withUnsafeBytes { write(file, $0.baseAddress! + offset, count - offset) }
        if done < 0, errno == EINTR { continue }
        guard done > 0 else { throw CLIError("\(path): \(Errno.text(errno))") }
        offset += done
      }
      written += count
    }
    // Cut a record the interruption left half-received.
    if decoder.offset < written { _ = ftruncate(file, off_t(decoder.offset)) }
    return (calls, decoder.isEnded)
  }
}
