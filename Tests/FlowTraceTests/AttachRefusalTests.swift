import FlowTraceSystem
import Foundation
import Testing

@testable import FlowTrace

/// Anything unexpected where the attach socket should go disables attaching with one line on
/// stderr; the program itself runs and ends as always.
@Suite struct AttachRefusalTests {
  /// Runs `late` (its first traced call after 300 ms) with `prepare` applied to the fixture
  /// (given the child's pid) first; returns the child's stderr.
  static func run(_ prepare: (AttachFixture, Int32) -> Void) throws -> (String, AttachFixture) {
    let fixture = AttachFixture()
    let child = try ChildProcess(
      ["late", "300"], environment: fixture.environment, captureErrors: true)
    prepare(fixture, child.pid)
    let output = child.finish()
    #expect(child.process.terminationStatus == 0)
    #expect(output.contains("fib(5)"))
    #expect(output.contains("done"))
    #expect(
      !FileManager.default.fileExists(atPath: fixture.socketPath(child.pid))
        || Self.kind(fixture.socketPath(child.pid)) != S_IFSOCK)
    return (child.errorText, fixture)
  }

  static func kind(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
  }

  static func expectOneLine(_ text: String, _ words: String) {
    let lines = text.split(separator: "\n")
    #expect(lines.count == 1, "\(text)")
    #expect(text.hasPrefix("flowtrace: attach disabled: "), "\(text)")
    #expect(text.contains(words), "\(text)")
  }

  @Test func aSymbolicLinkInPlaceOfTheDirectoryIsRefused() throws {
    let (errors, fixture) = try Self.run { fixture, _ in
      let elsewhere = fixture.runtimeDirectory + "/elsewhere"
      mkdir(elsewhere, 0o700)
      symlink(elsewhere, fixture.directory)
    }
    defer { fixture.remove() }
    Self.expectOneLine(errors, "is a symbolic link, not a directory")
    #expect(AttachDirectory.listedPIDs(fixture.runtimeDirectory + "/elsewhere").isEmpty)
  }

  @Test func aRegularFileInPlaceOfTheDirectoryIsRefused() throws {
    let (errors, fixture) = try Self.run { fixture, _ in
      _ = FileManager.default.createFile(atPath: fixture.directory, contents: Data("x".utf8))
    }
    defer { fixture.remove() }
    Self.expectOneLine(errors, "is a regular file, not a directory")
  }

  @Test func aDirectoryOthersCanReachIsRefused() throws {
    let (errors, fixture) = try Self.run { fixture, _ in
      mkdir(fixture.directory, 0o700)
      chmod(fixture.directory, 0o755)
    }
    defer { fixture.remove() }
    Self.expectOneLine(errors, "has mode 755")
  }

  @Test(.enabled(if: getuid() == 0, "needs root to give the directory away"))
  func aDirectoryOfAnotherUserIsRefused() throws {
    let (errors, fixture) = try Self.run { fixture, _ in
      mkdir(fixture.directory, 0o700)
      chown(fixture.directory, 65534, 65534)
    }
    defer { fixture.remove() }
    Self.expectOneLine(errors, "belongs to uid 65534")
  }

  @Test func aRegularFileInPlaceOfTheSocketIsLeftAlone() throws {
    let (errors, fixture) = try Self.run { fixture, pid in
      mkdir(fixture.directory, 0o700)
      _ = FileManager.default.createFile(
        atPath: fixture.socketPath(pid), contents: Data("keep".utf8))
    }
    defer { fixture.remove() }
    Self.expectOneLine(errors, "is a regular file, not a socket")
    let pid = AttachDirectory.listedPIDs(fixture.directory).first ?? 0
    #expect(readFile(fixture.socketPath(pid)) == Array("keep".utf8))
  }

  @Test func aPeerOfAnotherUserIsRefused() throws {
    let path = temporaryPath("peer.sock")
    let listener = UnixSocket.listening(at: path)
    defer {
      close(listener)
      unlink(path)
    }
    let client = UnixSocket.connected(to: path)
    defer { close(client) }
    let accepted = accept(listener, nil, nil)
    defer { close(accepted) }
    #expect(AttachPoint.admits(accepted))
    #expect(!AttachPoint.admits(accepted, uid: getuid() &+ 1))
  }

  @Test func theViewerRefusesWhatIsNotItsOwnSocket() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    mkdir(fixture.directory, 0o700)
    let pid = getpid()
    _ = FileManager.default.createFile(atPath: fixture.socketPath(pid), contents: nil)
    #expect(throws: AttachError.self) {
      try AttachClient.attach(pid: pid, directory: fixture.directory)
    }
    unlink(fixture.socketPath(pid))
    symlink("/tmp", fixture.socketPath(pid))
    let error = #expect(throws: AttachError.self) {
      try AttachClient.attach(pid: pid, directory: fixture.directory)
    }
    #expect(error?.description.contains("symbolic link") == true)
    chmod(fixture.directory, 0o755)
    let open = #expect(throws: AttachError.self) {
      try AttachClient.attach(pid: pid, directory: fixture.directory)
    }
    #expect(open?.description.contains("has mode 755") == true)
  }

  @Test func aStaleSocketIsReportedAndRemoved() throws {
    let fixture = AttachFixture()
    defer { fixture.remove() }
    mkdir(fixture.directory, 0o700)
    // A pid that is surely not running, with a socket nobody listens on.
    let dead: Int32 = 4_000_000
    let path = fixture.socketPath(dead)
    let fd = UnixSocket.listening(at: path)
    close(fd)
    let error = #expect(throws: AttachError.self) {
      try AttachClient.attach(pid: dead, directory: fixture.directory)
    }
    #expect(error?.description.contains("not running") == true)
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
