import FlowTraceExplorer
import FlowTraceSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The files `w` wrote, or why it could not.
package struct LiveSaveResult: Sendable, Equatable {
  /// Paths written, one per program (each a complete binary trace `flowtrace-tui FILE` opens).
  package var files: [String]
  /// One line for the message bar.
  package var message: String
}

extension LiveSession {
  /// Writes everything received so far: one trace file per program (its stream up to the last
  /// complete record), named `flowtrace-<program>-<pid>.ftrace` in `directory`, never
  /// overwriting an existing file.
  package func save(to directory: String, tree: CallTree) -> LiveSaveResult {
    var files: [String] = []
    var failures: [String] = []
    for connection in connections {
      guard let program = connection.program else { continue }
      let info = tree.program(program)
      let base = Self.fileStem(info.name)
      switch Self.writeNew(
        directory: directory, stem: "flowtrace-\(base)-\(info.pid)", ext: "ftrace",
        contents: { write in
          connection.received.forEachRun(prefix: connection.completeByteCount, write)
        })
      {
      case .success(let path): files.append(path)
      case .failure(let error): failures.append(error.message)
      }
    }
    if files.isEmpty && failures.isEmpty {
      return LiveSaveResult(files: [], message: "nothing to save yet: no program has connected")
    }
    var message =
      files.isEmpty
      ? ""
      : "saved \(files.count == 1 ? files[0] : "\(files.count) files: " + files.joined(separator: ", "))"
    if !failures.isEmpty {
      message +=
        (message.isEmpty ? "" : "; ") + "could not save: " + failures.joined(separator: "; ")
    }
    return LiveSaveResult(files: files, message: message)
  }

  /// A program name reduced to a safe file-name part: its last path component, letters,
  /// digits, `-`, `_` and `.` kept.
  static func fileStem(_ program: String) -> String {
    let last = program.split(separator: "/").last.map(String.init) ?? ""
    let kept = last.unicodeScalars.map { scalar -> Character in
      let ok =
        (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
        || scalar == "-" || scalar == "_" || scalar == "."
      return ok ? Character(scalar) : "_"
    }
    let stem = String(kept.prefix(40))
    return stem.isEmpty || stem.allSatisfy({ $0 == "." }) ? "program" : stem
  }

  /// Creates `directory/stem.ext` (or `stem-2.ext`, ...) exclusively and writes what
  /// `contents` hands to its writer, run by run (the writer returns false on failure).
  static func writeNew(
    directory: String, stem: String, ext: String,
    contents: ((UnsafeRawBufferPointer) -> Bool) -> Bool
  ) -> Result<String, LiveSaveError> {
    for attempt in 1...1000 {
      let name = attempt == 1 ? "\(stem).\(ext)" : "\(stem)-\(attempt).\(ext)"
      let path = directory == "." ? name : "\(directory)/\(name)"
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd < 0 {
        if errno == EEXIST { continue }
        return .failure(LiveSaveError(message: "\(path): \(UnixSocket.describe(errno))"))
      }
      defer { close(fd) }
      let ok = contents { raw -> Bool in
        var written = 0
        while written < raw.count {
          let n = write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return false }
          written += n
        }
        return true
      }
      if !ok {
        let code = errno
        unlink(path)
        return .failure(LiveSaveError(message: "\(path): \(UnixSocket.describe(code))"))
      }
      return .success(path)
    }
    return .failure(LiveSaveError(message: "\(directory)/\(stem).\(ext): too many files"))
  }
}

/// A trace file that could not be written.
package struct LiveSaveError: Error, Sendable, Equatable {
  package var message: String
}
