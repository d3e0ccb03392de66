import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// A failure the command reports as one line on standard error before exiting with status 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}

/// Runs `body`; turns a `CLIError`, `TraceFormatError` or `TraceFileError` into one line on
/// standard error and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch {
    printError("flowtrace: \(error)")
    throw ExitCode.failure
  }
}

/// Writes one line to standard error.
func printError(_ line: String) {
  let text = Array((line + "\n").utf8)
  text.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
}
