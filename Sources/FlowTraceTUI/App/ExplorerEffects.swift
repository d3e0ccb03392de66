import FlowTraceWire
import Foundation

/// What the explorer asks of the world outside its state: reading a call site's source file
/// and opening a second trace to compare. The explorer never reads files itself; its launcher
/// hands it these, and tests hand it their own.
package struct ExplorerEffects: Sendable {
  /// The bytes of a source file, nil when it cannot be read (or is too large to show).
  package var readSource: @Sendable (_ path: String) -> [UInt8]?
  /// A trace file, read whole and checked.
  package var openTrace: @Sendable (_ path: String) throws(TraceFileError) -> TraceFile

  package init(
    readSource: @escaping @Sendable (String) -> [UInt8]?,
    openTrace: @escaping @Sendable (String) throws(TraceFileError) -> TraceFile
  ) {
    self.readSource = readSource
    self.openTrace = openTrace
  }

  /// The real file system: sources up to 4 MiB, traces through `TraceFile.open`.
  package static let files = ExplorerEffects(
    readSource: { path in
      guard let data = FileManager.default.contents(atPath: path), data.count < 4 << 20 else {
        return nil
      }
      return [UInt8](data)
    },
    openTrace: { path throws(TraceFileError) in try TraceFile.open(path) })
}
