import FlowTraceSystem
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Live listener")
struct LiveListenerTests {
  @Test func listensWithPrivateModeAndAcceptsOwnUser() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("v.sock")
    let listener = try LiveListener(path: path)
    #expect(liveMode(path).map { $0 & S_IFMT } == S_IFSOCK)
    #expect(liveMode(path).map { $0 & 0o777 } == 0o600)
    let client = liveConnect(path)
    #expect(client >= 0)
    defer { close(client) }
    let outcomes = listener.acceptPending()
    #expect(outcomes.count == 1)
    if case .accepted(let fd, let pid) = outcomes.first {
      #expect(pid == getpid())
      #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
      close(fd)
    } else {
      Issue.record("expected an accepted connection, got \(outcomes)")
    }
    #expect(listener.acceptPending().isEmpty)
  }

  @Test func replacesStaleSocket() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("stale.sock")
    // A socket file left behind by a viewer that died: bound, never unlinked.
    let old = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #expect(UnixSocket.bind(old, to: path) == 0)
    close(old)
    #expect(liveMode(path).map { $0 & S_IFMT } == S_IFSOCK)
    let listener = try LiveListener(path: path)
    let client = liveConnect(path)
    #expect(client >= 0)
    close(client)
    #expect(listener.acceptPending().count == 1)
  }

  @Test func refusesSecondViewer() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("busy.sock")
    let first = try LiveListener(path: path)
    #expect(throws: LiveListenError.self) { try LiveListener(path: path) }
    do {
      _ = try LiveListener(path: path)
    } catch {
      #expect(error.description.contains("another viewer is already listening"))
    }
    // The first one still works: it sees the two probes of the refused viewers, then a client.
    let client = liveConnect(path)
    #expect(client >= 0)
    close(client)
    let outcomes = first.acceptPending()
    #expect(outcomes.count == 3)
    #expect(outcomes.allSatisfy { if case .accepted = $0 { true } else { false } })
  }

  @Test func leavesRegularFileAndSymlinkAlone() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let file = dir.file("notes.txt")
    liveWriteFile(file, Array("keep me".utf8))
    do {
      _ = try LiveListener(path: file)
      Issue.record("listening on a regular file should fail")
    } catch {
      #expect(error.description.contains("a regular file, not a socket"))
    }
    #expect(liveReadFile(file) == Array("keep me".utf8))

    let link = dir.file("link.sock")
    symlink(file, link)
    do {
      _ = try LiveListener(path: link)
      Issue.record("listening on a symlink should fail")
    } catch {
      #expect(error.description.contains("a symbolic link"))
    }
    #expect(liveMode(link).map { $0 & S_IFMT } == S_IFLNK)
    #expect(liveReadFile(file) == Array("keep me".utf8))
  }

  @Test func reportsBadPaths() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let long = dir.file(String(repeating: "x", count: 120))
    do {
      _ = try LiveListener(path: long)
      Issue.record("a too long path should fail")
    } catch {
      #expect(error.description.contains("path too long"))
    }
    do {
      _ = try LiveListener(path: dir.file("missing/v.sock"))
      Issue.record("a missing directory should fail")
    } catch {
      #expect(error.description.contains("does not exist"))
    }
  }

  @Test func refusesPeerOfAnotherUser() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("uid.sock")
    // Pretend the viewer belongs to another user: this process is then the foreign peer.
    let listener = try LiveListener(path: path, allowedUID: getuid() &+ 4242)
    let client = liveConnect(path)
    #expect(client >= 0)
    defer { close(client) }
    let outcomes = listener.acceptPending()
    #expect(outcomes.count == 1)
    guard case .refused(let message) = outcomes.first else {
      Issue.record("expected a refusal, got \(outcomes)")
      return
    }
    #expect(message.contains("uid \(getuid())"))
    #expect(message.contains("pid \(getpid())"))
    // The refused peer sees its connection closed.
    var byte: UInt8 = 0
    #expect(recv(client, &byte, 1, 0) == 0)
  }

  @Test func closeRemovesOwnSocketOnly() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let path = dir.file("gone.sock")
    let listener = try LiveListener(path: path)
    listener.close()
    #expect(liveMode(path) == nil)
  }

  @Test func privateDirectoryIsCreatedAndTightened() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let sub = dir.file("private")
    try LiveSocketPath.preparePrivateDirectory(sub)
    #expect(liveMode(sub).map { $0 & 0o777 } == 0o700)
    chmod(sub, 0o755)
    try LiveSocketPath.preparePrivateDirectory(sub)
    #expect(liveMode(sub).map { $0 & 0o777 } == 0o700)
    rmdir(sub)
    let file = dir.file("plain")
    liveWriteFile(file, [1])
    #expect(throws: LiveListenError.self) { try LiveSocketPath.preparePrivateDirectory(file) }
  }

  @Test func defaultPathPrefersRuntimeDirectory() {
    let dir = LiveTempDir()
    defer { dir.remove() }
    #expect(
      LiveSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": dir.path])
        == dir.path + "/flowtrace.sock")
    #expect(
      LiveSocketPath.defaultPath(environment: [:]) == "/tmp/flowtrace-\(getuid())/flowtrace.sock")
    #expect(
      LiveSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": dir.file("none")])
        == "/tmp/flowtrace-\(getuid())/flowtrace.sock")
  }
}
