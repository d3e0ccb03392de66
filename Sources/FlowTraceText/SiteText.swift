import FlowTraceWire

/// A call site's `name(` and argument labels (`label: `) rendered once as bytes, for the
/// general tree printer's lines.
struct SiteText {
  let head: [UInt8]
  /// One entry per label: `label: `, or empty when the argument shows no label.
  let labels: [[UInt8]]

  init(_ site: CallSite, format: TreeTextFormat) {
    var line: [UInt8] = []
    format.call(name: site.qualifiedName, labels: [], args: nil, to: &line)
    line.removeLast()  // `)`
    head = line
    labels = site.labels.indices.map { index in
      guard let label = CallText.shownLabel(at: index, in: site.labels) else { return [] }
      var text: [UInt8] = []
      Sanitizer.append(label, to: &text)
      return text + [0x3A, 0x20]
    }
  }

  /// Appends `name(args)` exactly as `TreeTextFormat.call` does.
  func append(args: [String]?, to line: inout [UInt8]) {
    line.append(contentsOf: head)
    if let args {
      for (index, value) in args.enumerated() {
        if index > 0 {
          line.append(0x2C)  // ,
          line.append(0x20)
        }
        if index < labels.count { line.append(contentsOf: labels[index]) }
        Sanitizer.append(value, to: &line)
      }
    }
    line.append(0x29)  // )
  }
}
