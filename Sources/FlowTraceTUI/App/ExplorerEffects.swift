import FlowTraceExplorer
import FlowTraceWire
import Foundation

/// How `ExplorerApp` runs the effects its state asks for: reading a call site's source file,
/// opening a second trace to compare, saving a live session. The state never reads or writes
/// files itself; the launcher hands these over, and tests their own.
package struct ExplorerEffects {
  /// The bytes of a source file, nil when it cannot be read (or is too large to show).
  package var readSource: @Sendable (_ path: String) -> [UInt8]?
  /// A trace file, read whole and checked.
  package var openTrace: @Sendable (_ path: String) throws(TraceFileError) -> TraceFile
  /// Writes a live session's trace (`LiveApp`'s); nil for a file, which is saved already.
  package var save: ((_ tree: CallTree) -> LiveSaveResult)?

  package init(
    readSource: @escaping @Sendable (String) -> [UInt8]?,
    openTrace: @escaping @Sendable (String) throws(TraceFileError) -> TraceFile,
    save: ((CallTree) -> LiveSaveResult)? = nil
  ) {
    self.readSource = readSource
    self.openTrace = openTrace
    self.save = save
  }

  /// The real file system: sources up to 4 MiB, traces through `TraceFile.open`.
  package static var files: ExplorerEffects {
    ExplorerEffects(
      readSource: { path in
        guard let data = FileManager.default.contents(atPath: path), data.count < 4 << 20 else {
          return nil
        }
        return [UInt8](data)
      },
      openTrace: { path throws(TraceFileError) in try TraceFile.open(path) })
  }
}
