import FlowTraceWire

/// The call sites of a trace as the fast tree printer needs them: each site's `name(` and
/// argument labels (`label: `) rendered once as bytes, and whether `--include`/`--exclude`
/// show its calls (decided once per site, not per call).
struct SiteTable {
  struct Site {
    /// `name(` (with its colour) in `text[headStart..<headEnd]`.
    var headStart: Int
    var headEnd: Int
    /// The site's labels in `labels[labelStart..<labelEnd]`.
    var labelStart: Int
    var labelEnd: Int
    var shown: Bool
  }

  let format: TreeTextFormat
  let selection: TreeTextSelection
  private var flat: [Site?] = []
  private var others: [UInt32: Site] = [:]
  /// Each label as `text[start..<end]` (`label: `, or empty when the argument has none).
  private var labels: [TreeTextPieces.Piece] = []
  private var text = RawBytes(capacity: 1 << 12)

  init(color: Bool, selection: TreeTextSelection) {
    format = TreeTextFormat(color: color)
    self.selection = selection
  }

  func deallocate() { text.deallocate() }

  mutating func define(id: UInt32, name: TraceBytes, labels siteLabels: TraceStrings) {
    let qualifiedName = name.string
    var line: [UInt8] = []
    format.call(name: qualifiedName, labels: [], args: nil, to: &line)
    line.removeLast()  // `)`
    let headStart = text.count
    text.append(line)
    let labelStart = labels.count
    for label in siteLabels {
      let start = text.count
      let string = label.string
      if string != "_", !string.isEmpty {
        var rendered: [UInt8] = []
        Sanitizer.append(string, to: &rendered)
        text.append(rendered)
        text.append(0x3A)
        text.append(0x20)
      }
      labels.append(TreeTextPieces.Piece(start: start, end: text.count))
    }
    let site = Site(
      headStart: headStart, headEnd: headStart + line.count, labelStart: labelStart,
      labelEnd: labels.count, shown: selection.shows(qualifiedName))
    if id < 1 << 16 {
      if Int(id) >= flat.count {
        flat.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - flat.count))
      }
      flat[Int(id)] = site
    } else {
      others[id] = site
    }
  }

  @inline(__always)
  func site(_ id: UInt32) -> Site? {
    Int(id) < flat.count ? flat[Int(id)] : id < 1 << 16 ? nil : others[id]
  }

  /// Whether the include and exclude globs show calls of site `id` (unknown sites are shown).
  @inline(__always)
  func isShown(_ id: UInt32) -> Bool { site(id)?.shown ?? true }

  /// Appends `name(args)` for a call of site `id`; arguments read as the Swift call site.
  @inline(__always)
  func appendCall(site id: UInt32, args: TraceStrings?, to out: inout RawBytes) {
    guard let site = site(id) else {
      var line: [UInt8] = []
      format.call(name: "site#\(id)", labels: [], args: nil, to: &line)
      line.removeLast()
      out.append(line)
      appendArgs(args, labelStart: 0, labelEnd: 0, to: &out)
      return
    }
    out.append(text, site.headStart, site.headEnd)
    appendArgs(args, labelStart: site.labelStart, labelEnd: site.labelEnd, to: &out)
  }

  @inline(__always)
  private func appendArgs(
    _ args: TraceStrings?, labelStart: Int, labelEnd: Int, to out: inout RawBytes
  ) {
    if let args {
      var label = labelStart
      var first = true
      for value in args {
        if !first {
          out.append(0x2C)
          out.append(0x20)
        }
        first = false
        if label < labelEnd {
          let piece = labels[label]
          out.append(text, piece.start, piece.end)
          label += 1
        }
        out.appendText(value.buffer)
      }
    }
    out.append(0x29)
  }
}
