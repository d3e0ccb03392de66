import FlowTraceSystem
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The one Unix socket type the runtime and the viewer share, on real sockets.
@Suite struct UnixSocketTests {
  func isCloseOnExec(_ fd: Int32) -> Bool { fcntl(fd, F_GETFD) & FD_CLOEXEC != 0 }

  @Test func everySocketIsCloseOnExecAndAListenerAcceptsAClient() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("s.sock")
    let listener = UnixSocket.listening(at: path)
    try #require(listener >= 0)
    defer { close(listener) }
    #expect(isCloseOnExec(listener))
    let client = UnixSocket.connected(to: path)
    try #require(client >= 0)
    defer { close(client) }
    #expect(isCloseOnExec(client))
    let accepted = UnixSocket.accept(listener)
    try #require(accepted >= 0)
    defer { close(accepted) }
    #expect(isCloseOnExec(accepted))
    #expect(fcntl(accepted, F_GETFL) & O_NONBLOCK != 0)
    #expect(write(client, "hi", 2) == 2)
    var bytes = [UInt8](repeating: 0, count: 2)
    #expect(read(accepted, &bytes, 2) == 2)
    #expect(bytes == Array("hi".utf8))
    #expect(UnixSocket.isListening(at: path))
  }

  @Test func aPathThatDoesNotFitIsRefused() {
    let longest = String(repeating: "a", count: UnixSocket.pathCapacity - 1)
    #expect(UnixSocket.address(longest) != nil)
    #expect(UnixSocket.address(longest + "a") == nil)
    #expect(UnixSocket.address("") == nil)
    #expect(UnixSocket.connected(to: "/nonexistent/dir/s.sock") == -1)
    #expect(!UnixSocket.isListening(at: "/nonexistent/dir/s.sock"))
  }
}
