import CFlowTraceRuntime
import FlowTraceText
import Synchronization

// Calls out: the runtime's side of turning traced calls into spans. `_begin` asks
// `callBegan` only when the mode word has `ModeBits.spans`; the other hooks run only for calls
// whose bits have `CallBits.span`. Handlers run with tracing suppressed on the thread.
extension _SpanBridge {
  /// Installs (or, with nil, removes) the calls-out handler and republishes the mode word.
  public static func setCallHandler(_ handler: (any CallHandler)?) {
    handlerBox.withLock { box in
      box = handler
      Runtime.shared.state.withLock { $0.spansOut = handler != nil }
    }
    Runtime.shared.republish()
  }

  static var currentHandler: (any CallHandler)? { handlerBox.withLock { $0 } }

  /// A traced call began: tells the handler now unless its arguments come first.
  static func callBegan(id: UInt64, parent: UInt64, site: UInt64, bits: UInt32) -> UInt32 {
    guard let handler = currentHandler else { return 0 }
    if bits & CallBits.args == 0 {
      let wantsEnd = notifyBegin(handler, id: id, parent: parent, site: site, arguments: nil)
      return wantsEnd ? CallBits.span : 0
    }
    return CallBits.span
  }

  /// The call's arguments are recorded (the last records of the thread's chunk): tells the
  /// handler, with the arguments rendered as the trace shows them.
  static func callEntered(_ hot: UnsafeMutablePointer<HotState>) {
    guard let handler = currentHandler else { return }
    let id = UInt64(hot.pointee.index) << 40 | hot.pointee.nextSeq
    let text = siteText(hot.pointee.pendingSite)
    let count = text.labels.count
    var arguments: [String]?
    if hot.pointee.count >= count {
      let limit = Runtime.shared.maxValueLength
      arguments = (hot.pointee.count - count..<hot.pointee.count).map { index in
        let record = hot.pointee.records[index]
        switch record.kind {
        case .argText: return hot.pointee.texts[index]
        case .argString: return ValueRender.quoted(hot.pointee.texts[index], limit: limit)
        case .argValue: return hot.keptText(at: index)
        default: return ValueRender.format(record.kind, record.b)
        }
      }
    }
    hot.pointee.suppress += 1
    defer { hot.pointee.suppress -= 1 }
    _ = handler.begin(
      call: id, parent: hot.pointee.pendingParent, name: text.qualifiedName, labels: text.labels,
      arguments: arguments, file: text.file, line: text.line)
  }

  /// The call ended: `kind` and `bits`/`text` are its return record's; a propagated error
  /// is the record just before it.
  static func callEnded(
    _ hot: UnsafeMutablePointer<HotState>, id: UInt64, kind: RecordKind, bits: UInt64,
    text: String?
  ) {
    guard let handler = currentHandler else { return }
    var result: String?
    var error: (type: String, description: String)?
    switch kind {
    case .returnInt, .returnDouble, .returnBool: result = ValueRender.format(kind, bits)
    case .returnText: result = text
    case .returnString:
      result = text.map { ValueRender.quoted($0, limit: Runtime.shared.maxValueLength) }
    default:
      let last = hot.pointee.count - 1
      if last >= 0, hot.pointee.records[last].kind == .propagated, hot.pointee.records[last].a == id
      {
        let parts = hot.pointee.texts[last].split(separator: "\u{0}", maxSplits: 1)
        let type = parts.first.map(String.init) ?? ""
        error = (type, parts.count > 1 ? String(parts[1]) : type)
      }
    }
    hot.pointee.suppress += 1
    defer { hot.pointee.suppress -= 1 }
    handler.end(call: id, result: result, error: error)
  }

  private static func notifyBegin(
    _ handler: any CallHandler, id: UInt64, parent: UInt64, site: UInt64, arguments: [String]?
  ) -> Bool {
    let text = siteText(site)
    let hot = ThreadRecorder.current
    hot.pointee.suppress += 1
    defer { hot.pointee.suppress -= 1 }
    return handler.begin(
      call: id, parent: parent, name: text.qualifiedName, labels: text.labels,
      arguments: arguments, file: text.file, line: text.line)
  }

  /// The parsed site literal at `address` (cached).
  static func siteText(_ address: UInt64) -> SiteText {
    sites.withLock { cache in
      if let known = cache[address] { return known }
      let empty: StaticString = ""
      let text = SiteText(UnsafePointer(bitPattern: UInt(address)) ?? empty.utf8Start)
      cache[address] = text
      return text
    }
  }
}
