/// Reads a uftrace data directory (what `uftrace record` writes: `info`, `task.txt`,
/// `sid-<SID>.map`, `<module>.sym` and one `<tid>.dat` per thread) into the trace builder the
/// Chrome import uses: each entry/exit pair becomes a call named through the session's maps
/// and symbol files (Swift symbols demangled), saved arguments and return values read with
/// the `info` file's specs and printed as `uftrace replay` prints them, pids become programs
/// and tids threads. A `.dat` cut short is read up to its last whole record, with a note; any
/// other bad input is an error naming the file and byte offset.
public struct UftraceDataReader {
  /// The directory.
  public let directory: String
  /// What the user should know beside the tree (a cut file, lost records, skipped events).
  public internal(set) var notes: [String] = []

  var info: UftraceInfo
  var tasks: UftraceTaskList
  var specs: UftraceArgumentSpec
  var autoSpecs: UftraceArgumentSpec
  /// Symbol tables by session id, loaded at first use.
  var tables: [String: UftraceSymbolTable] = [:]
  /// Sites by session id, symbol index ×2 (+1 with arguments).
  var sites: [String: [Int: UInt32]] = [:]
  /// Saved values by session id, symbol index ×2 (+1 for the return value).
  var valueSpecs: [String: [Int: [UftraceArgumentSpec.Value]]] = [:]

  /// Reads `info` and `task.txt` of `directory`.
  public init(directory: String) throws(TraceFormatError) {
    self.directory = directory
    let infoPath = directory + "/info"
    info = try UftraceInfo(try UftraceDirectory.bytes(infoPath), source: infoPath)
    let taskPath = directory + "/task.txt"
    let taskText = String(decoding: try UftraceDirectory.bytes(taskPath), as: UTF8.self)
    tasks = try UftraceTaskList(taskText, source: taskPath)
    guard !tasks.sessions.isEmpty else {
      throw TraceFormatError(source: taskPath, offset: 0, message: "no SESS line: no session")
    }
    specs = UftraceArgumentSpec(
      [info.argumentSpec, info.returnSpec], patternType: info.patternType)
    autoSpecs = UftraceArgumentSpec(
      [info.autoArgumentSpec, info.autoReturnSpec], patternType: info.patternType)
  }

  /// Whether `path` is a directory with a uftrace `info` file.
  public static func isDataDirectory(_ path: String) -> Bool {
    guard UftraceDirectory.isDirectory(path),
      let head = try? UftraceDirectory.bytes(path + "/info").prefix(8)
    else { return false }
    return Array(head) == UftraceInfo.magic
  }

  /// The `<tid>.dat` files, by tid.
  func threadFiles() throws(TraceFormatError) -> [(tid: Int64, path: String)] {
    guard let names = UftraceDirectory.names(directory) else {
      throw TraceFormatError(source: directory, offset: 0, message: "not a readable directory")
    }
    let files = names.compactMap { name -> (Int64, String)? in
      guard name.hasSuffix(".dat"), let tid = Int64(name.dropLast(4)) else { return nil }
      return (tid, directory + "/" + name)
    }
    guard !files.isEmpty else {
      throw TraceFormatError(
        source: directory, offset: 0, message: "no <tid>.dat file: nothing was recorded")
    }
    return files.sorted { $0.0 < $1.0 }
  }

  /// Reads every thread into `builder`.
  public mutating func read(into builder: inout ChromeTraceBuilder) throws(TraceFormatError) {
    for (tid, path) in try threadFiles() {
      // A forked child has a FORK line (its pid is its tid) and no TASK line.
      guard let pid = tasks.pids[tid] ?? (tasks.parents[tid] != nil ? tid : nil) else {
        throw TraceFormatError(
          source: directory + "/task.txt", offset: 0,
          message: "no TASK line for tid \(tid) (\(path.split(separator: "/").last ?? ""))")
      }
      let bytes = try UftraceDirectory.bytes(path)
      let failure = bytes.withUnsafeBytes { raw -> TraceFormatError? in
        do throws(TraceFormatError) {
          try readThread(raw, tid: tid, pid: pid, path: path, into: &builder)
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw failure }
    }
  }

  /// The symbol table of session `sid`: its map file and the symbol files it names.
  mutating func table(_ sid: String) throws(TraceFormatError) -> UftraceSymbolTable {
    if let table = tables[sid] { return table }
    let mapPath = directory + "/sid-" + sid + ".map"
    let map = String(decoding: try UftraceDirectory.bytes(mapPath), as: UTF8.self)
    var table = UftraceSymbolTable()
    var modules = UftraceSymbolTable.modules(inMap: map)
    for library in tasks.libraries where library.sid == sid {
      modules.append((library.base, library.name))
    }
    for module in modules {
      let name = module.path.split(separator: "/").last.map(String.init) ?? module.path
      if let text = UftraceDirectory.text(directory + "/" + name + ".sym") {
        table.add(base: module.base, symbolFile: text)
      }
    }
    table.finish()
    tables[sid] = table
    return table
  }
}
