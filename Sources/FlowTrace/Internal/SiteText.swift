import FlowTraceText
import FlowTraceWire

/// A call site's literal: `qualifiedName TAB labels TAB fileID TAB line`, NUL-terminated.
struct SiteText {
  let qualifiedName: String
  let labels: [String]
  let file: String
  let line: UInt32

  init(_ start: UnsafePointer<UInt8>) {
    let text = String(cString: start)
    let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
    qualifiedName = fields.first.map(String.init) ?? text
    if fields.count > 1, !fields[1].isEmpty {
      labels = fields[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    } else {
      labels = []
    }
    file = fields.count > 2 ? String(fields[2]) : ""
    line = fields.count > 3 ? UInt32(fields[3]) ?? 0 : 0
  }

  /// The wire form under a given id.
  func callSite(id: UInt32) -> CallSite {
    CallSite(id: id, qualifiedName: qualifiedName, labels: labels, file: file, line: line)
  }
}
