import FlowTraceSystem
import FlowTraceWire
import Foundation

/// A private `XDG_RUNTIME_DIR` for one attach test, so its programs' sockets live apart from
/// every other test's and the user's.
struct AttachFixture {
  let runtimeDirectory: String

  init() {
    runtimeDirectory = temporaryPath("xdg")
    mkdir(runtimeDirectory, 0o700)
  }

  /// Where programs started with `environment` offer attaching.
  var directory: String { runtimeDirectory + "/flowtrace" }
  var environment: [String: String] { ["XDG_RUNTIME_DIR": runtimeDirectory] }

  func socketPath(_ pid: Int32) -> String { AttachDirectory.socketPath(directory, pid: pid) }

  /// Waits (up to `seconds`) until program `pid`'s socket exists.
  func waitForSocket(_ pid: Int32, seconds: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if FileManager.default.fileExists(atPath: socketPath(pid)) { return true }
      usleep(10_000)
    }
    return false
  }

  func remove() {
    _ = chmod(directory, 0o700)
    try? FileManager.default.removeItem(atPath: runtimeDirectory)
  }

  /// Attaches to program `pid` and reads its stream until `enough` holds (see `read`).
  func attachAndRead(
    _ pid: Int32, seconds: Double = 10, until enough: ([TraceEvent]) -> Bool
  ) throws -> DecodedTrace {
    Self.read(
      try AttachClient.attach(pid: pid, directory: directory), seconds: seconds, until: enough)
  }

  /// Reads an attached stream until `enough` holds for the events that arrived (or `seconds`
  /// pass), then closes the socket: the viewer detaches. Decodes as the bytes come.
  static func read(
    _ fd: Int32, seconds: Double = 10, until enough: ([TraceEvent]) -> Bool
  ) -> DecodedTrace {
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var events: [TraceEvent] = []
    var decoder = TraceDecoder(source: "attached")
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&waiting, 1, 100) >= 0 else { break }
      if waiting.revents == 0 { continue }
      let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
      if count <= 0 { break }
      let chunk = Array(buffer[0..<count])
      bytes += chunk
      var visitor = EventVisitor { events.append($0) }
      guard (try? decoder.feed(chunk, into: &visitor)) != nil else { break }
      if enough(events) { break }
    }
    return DecodedTrace(binary: bytes, source: "attached")
  }
}

extension [TraceEvent] {
  /// The names of the calls among the events, in order.
  var callNames: [String] {
    var names: [UInt32: String] = [:]
    var calls: [String] = []
    for event in self {
      switch event {
      case .callSite(let site): names[site.id] = site.qualifiedName
      case .call(let call): calls.append(names[call.site] ?? "?")
      default: break
      }
    }
    return calls
  }
}

extension DecodedTrace {
  /// The calls in the trace, in order.
  var calls: [CallStart] {
    events.compactMap { if case .call(let call) = $0 { call } else { nil } }
  }

  /// The name of `call`'s site.
  func name(of call: CallStart) -> String? {
    for case .callSite(let site) in events where site.id == call.site {
      return site.qualifiedName
    }
    return nil
  }

  /// The names of the calls in the trace, in order.
  var callNames: [String] { events.callNames }
}
