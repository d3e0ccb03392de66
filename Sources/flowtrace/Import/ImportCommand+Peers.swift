import FlowTraceWire

extension ImportCommand {
  /// Imports a peer's trace when `--from` (or the file's first bytes, or a uftrace data
  /// directory) say it is one; returns the notes to print, or nil for a FlowTrace JSON Lines
  /// file.
  func importPeer() throws -> [String]? {
    switch from {
    case .jsonl: return nil
    case .chrome: return try ChromeImport.run(path: file, to: try OutputStream(path: output))
    case .uftrace: return try UftraceImport.run(path: file, to: try OutputStream(path: output))
    case nil:
      if UftraceDataReader.isDataDirectory(file) {
        return try UftraceImport.run(path: file, to: try OutputStream(path: output))
      }
      let input = try TraceInput(path: file)
      guard ChromeTraceReader.looksLikeChromeTrace(input.file.bytes) else { return nil }
      return try ChromeImport.run(path: file, to: try OutputStream(path: output))
    }
  }
}
