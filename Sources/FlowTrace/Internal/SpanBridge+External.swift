import CFlowTraceRuntime
import Synchronization

// Spans in: a span recorded as a call with a dynamic name, its attributes as arguments.
extension _SpanBridge {
  /// Records the start of an external call (a span) nested under `parent` (a runtime call id,
  /// 0 = root) that began at `startTicks`; returns its id, or 0 when nothing records now.
  ///
  /// The call is not put on the thread's stack (a span may end on another thread): `@Trace`
  /// calls find it through the parent resolver.
  public static func begin(
    name: String, labels: [String], values: [_ExternalValue], file: String, line: UInt32,
    parent: UInt64, startTicks: UInt64
  ) -> UInt64 {
    guard ft_mode_load() != 0 else { return 0 }
    let hot = ThreadRecorder.current
    guard hot.pointee.suppress == 0 else { return 0 }
    let site = ExternalSites.address(name: name, labels: labels, file: file, line: line)
    hot.noteTask(scope: TaskScope.current)
    let seq = hot.pointee.nextSeq &+ 1
    hot.pointee.nextSeq = seq
    let id = UInt64(hot.pointee.index) << 40 | seq
    for value in values {
      switch value {
      case .int(let v):
        hot.append(RawRecord(kind: .argInt, flags: 0, a: 0, b: UInt64(bitPattern: v), c: 0))
      case .double(let v):
        hot.append(RawRecord(kind: .argDouble, flags: 0, a: 0, b: v.bitPattern, c: 0))
      case .bool(let v): hot.append(RawRecord(kind: .argBool, flags: 0, a: 0, b: v ? 1 : 0, c: 0))
      case .string(let v):
        hot.append(RawRecord(kind: .argString, flags: 0, a: 0, b: 0, c: 0), text: v)
      case .text(let v): hot.append(RawRecord(kind: .argText, flags: 0, a: 0, b: 0, c: 0), text: v)
      }
    }
    var flags = UInt8(truncatingIfNeeded: CallBits.collectMask)
    if parent != 0 { flags |= RecordFlags.taskParent }
    hot.append(
      RawRecord(
        kind: .call, flags: flags, spare: UInt16(truncatingIfNeeded: seq >> 32),
        spare2: UInt32(truncatingIfNeeded: seq), a: site, b: parent, c: startTicks))
    hot.commit()
    return id
  }

  /// Records the end of an external call: a rendered result (shown as is) and, for a failed
  /// span, the error (`propagated`). `root` prints a finished tree when autoPrint is on.
  public static func end(
    _ id: UInt64, result: String?, error: (type: String, description: String)?, root: Bool
  ) {
    guard id != 0 else { return }
    let hot = ThreadRecorder.current
    if let error {
      hot.append(
        RawRecord(kind: .propagated, flags: 0, a: id, b: 0, c: 0),
        text: error.type + "\u{0}" + error.description)
    }
    let flags = UInt8(truncatingIfNeeded: CallBits.collectMask) | RecordFlags.asyncExit
    let record = RawRecord(
      kind: result == nil ? .returnUncollected : .returnText, flags: flags, a: id, b: 0,
      c: ft_ticks())
    if let result { hot.append(record, text: result) } else { hot.append(record) }
    hot.commit()
    if root { hot.rootEnded() }
  }
}

/// Permanent site texts for external calls, one per name, labels and place (site records are
/// keyed by the text's address, as `@Trace` literals are). At most `limit` distinct sites;
/// beyond that, spans share one site per name without labels.
enum ExternalSites {
  static let limit = 4096
  private struct Key: Hashable {
    var name: String
    var labels: [String]
    var file: String
    var line: UInt32
  }
  private static let table = Mutex<[String: UnsafeMutablePointer<UInt8>]>([:])
  private static let known = Mutex<[Key: UInt64]>([:])

  /// The site's address: found by its parts (no text built) once it exists.
  static func address(name: String, labels: [String], file: String, line: UInt32) -> UInt64 {
    let key = Key(name: name, labels: labels, file: file, line: line)
    if let address = known.withLock({ $0[key] }) { return address }
    let address = make(name: name, labels: labels, file: file, line: line)
    known.withLock { table in
      if table.count < limit { table[key] = address }
    }
    return address
  }

  private static func make(name: String, labels: [String], file: String, line: UInt32) -> UInt64 {
    func clean(_ text: String, _ banned: Set<Character>) -> String {
      String(text.map { banned.contains($0) || $0 == "\0" ? " " : $0 })
    }
    let labelText = labels.map { clean($0, ["\t", ","]) }.joined(separator: ",")
    let full = [clean(name, ["\t"]), labelText, clean(file, ["\t"]), String(line)]
      .joined(separator: "\t")
    return table.withLock { table in
      if let known = table[full] { return UInt64(UInt(bitPattern: known)) }
      let key = table.count < limit ? full : clean(name, ["\t"]) + "\t\t\t0"
      if let known = table[key] { return UInt64(UInt(bitPattern: known)) }
      let bytes = Array(key.utf8) + [0]
      let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
      storage.initialize(from: bytes, count: bytes.count)
      table[key] = storage
      return UInt64(UInt(bitPattern: storage))
    }
  }
}
