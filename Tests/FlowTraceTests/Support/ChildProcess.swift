import FlowTraceSystem
import Foundation

/// Runs `flowtrace-testee` (built next to the test bundle) as a real child process.
final class ChildProcess: @unchecked Sendable {
  let process = Process()
  let output = Pipe()
  /// The child's stderr, when captured (`captureErrors`); read it after `finish()`.
  let errors = Pipe()
  private let lock = NSLock()
  private var collected = Data()
  private var finished = false

  static var testeePath: String {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var directory = bundle
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("flowtrace-testee").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return bundle.appendingPathComponent("flowtrace-testee").path
  }

  init(
    _ arguments: [String], environment: [String: String], captureErrors: Bool = false
  ) throws {
    process.executableURL = URL(fileURLWithPath: ChildProcess.testeePath)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["FLOWTRACE_OUT"] = nil
    env["FLOWTRACE_SOCKET"] = nil
    env["FLOWTRACE_PRINT"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardOutput = output
    if captureErrors { process.standardError = errors }
    // The read and the append happen under the lock, so `finish()` (which takes it) never
    // misses data a handler already read (a full-suite run lost a child's whole output so).
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      guard let self else { return }
      self.lock.lock()
      defer { self.lock.unlock() }
      guard !self.finished else { return }
      self.collected.append(handle.availableData)
    }
    try process.run()
  }

  /// Everything the child printed so far.
  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: collected, as: UTF8.self)
  }

  /// Waits for the child to exit and returns its output.
  func finish() -> String {
    process.waitUntilExit()
    lock.lock()
    finished = true
    output.fileHandleForReading.readabilityHandler = nil
    collected.append(output.fileHandleForReading.readDataToEndOfFile())
    lock.unlock()
    return text
  }

  /// What the child wrote on stderr (captured children, after `finish()`).
  var errorText: String {
    String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  }

  var pid: Int32 { process.processIdentifier }

  /// Waits (up to `seconds`) until the output contains `marker`.
  func wait(for marker: String, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if text.contains(marker) { return true }
      usleep(10_000)
    }
    return false
  }

  func kill() {
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// A listening Unix socket standing in for `flowtrace-tui`.
final class Listener: @unchecked Sendable {
  let path: String
  let fd: Int32

  init(path: String = temporaryPath("viewer.sock")) {
    self.path = path
    unlink(path)
    fd = UnixSocket.listening(at: path, backlog: 4)
  }

  /// Accepts one connection and reads until the peer closes it or `limit` bytes arrived.
  func readAll(limit: Int = .max) -> [UInt8] {
    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&waiting, 1, 10_000) == 1 else { return [] }  // no client within 10 s
    let client = accept(fd, nil, nil)
    guard client >= 0 else { return [] }
    defer { close(client) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count < limit {
      let count = read(client, &buffer, buffer.count)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return bytes
  }

  deinit {
    close(fd)
    unlink(path)
  }
}

func temporaryPath(_ name: String) -> String {
  "/tmp/flowtrace-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
}

func readFile(_ path: String) -> [UInt8] {
  (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
}
