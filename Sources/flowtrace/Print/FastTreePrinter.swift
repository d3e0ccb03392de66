import FlowTraceWire

/// Prints a simple trace (see `SimpleTraceCheck`) in the runtime's tree text format straight
/// from the decoder's records into bytes: the fast path of `flowtrace print` (no colour, no
/// filters). Its output equals `TreeTextPrinter`'s, which the tests check on random traces.
struct FastTreePrinter: TraceVisitor {
  private struct Frame {
    var depth: Int
    var flags: CollectFlags
    var start: UInt64?
    var entryPrinted = false
    /// `name(args)` in `arena[textStart..<textEnd]`; a propagated error follows it.
    var textStart: Int
    var textEnd: Int
    var errorEnd: Int?
  }

  private struct Site {
    var name: [UInt8]
    var labels: [[UInt8]]
  }

  /// Deepest visible depth + 1 (TreeTextOptions.maxDepth); nil for no limit.
  let maxDepth: Int?
  /// Where the text goes, in 64 KiB pieces.
  let sink: OutputStream
  /// The first write error, if any (printing stops there).
  private(set) var failure: CLIError?
  private var out: [UInt8] = []
  private var sites: [Site?] = []
  private var bigSites: [UInt32: Site] = [:]
  private var path: [Frame] = []
  private var arena: [UInt8] = []

  init(maxDepth: Int?, sink: OutputStream) {
    self.maxDepth = maxDepth
    self.sink = sink
    out.reserveCapacity(1 << 17)
  }

  /// Hands the text to the sink once enough has gathered (or `force`).
  private mutating func drain(force: Bool = false) {
    guard force || out.count >= 1 << 16 else { return }
    if failure == nil {
      do throws(CLIError) { try sink.write(out) } catch { failure = error }
    }
    out.removeAll(keepingCapacity: true)
  }

  private func visible(_ depth: Int) -> Bool { maxDepth.map { depth < $0 } ?? true }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    let site = Site(name: Self.utf8(name.buffer), labels: labels.map { Self.utf8($0.buffer) })
    if id < 1 << 16 {
      if Int(id) >= sites.count {
        sites.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - sites.count))
      }
      sites[Int(id)] = site
    } else {
      bigSites[id] = site
    }
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    let depth = path.count
    if depth > 0, visible(depth) { printEntry(depth - 1) }
    let textStart = arena.count
    appendCallText(site: site, args: flags.contains(.args) ? args : nil)
    path.append(
      Frame(
        depth: depth, flags: flags, start: timestamp, textStart: textStart, textEnd: arena.count))
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard let top = path.indices.last else { return }
    if disposition == .propagated {
      arena.removeSubrange(path[top].textEnd...)
      Self.appendUTF8(description.buffer, to: &arena)
      path[top].errorEnd = arena.count
      return
    }
    let depth = path[top].depth
    guard visible(depth + 1) else { return }
    printEntry(top)
    indent(depth + 1)
    out.append(contentsOf: Self.caughtArrow)
    out.append(contentsOf: arena[path[top].textStart..<path[top].textEnd])
    out.append(0x20)
    Self.appendUTF8(description.buffer, to: &out)
    out.append(contentsOf: Self.caughtTag)
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    guard let frame = path.popLast() else { return }
    defer { arena.removeSubrange(frame.textStart...) }
    guard visible(frame.depth) else { return }
    let leaf = !frame.entryPrinted
    indent(frame.depth)
    out.append(
      contentsOf: leaf ? Self.entryArrow : frame.errorEnd != nil ? Self.errorArrow : Self.exitArrow)
    out.append(contentsOf: arena[frame.textStart..<frame.textEnd])
    if frame.flags.contains(.timing), let start = frame.start, let end = timestamp {
      appendSeconds(end >= start ? end - start : 0)
    }
    if let errorEnd = frame.errorEnd {
      out.append(0x20)
      if leaf { out.append(contentsOf: Self.errorArrow) }
      out.append(contentsOf: arena[frame.textEnd..<errorEnd])
      out.append(contentsOf: Self.propagatedTag)
    } else if frame.flags.contains(.result), let result {
      out.append(contentsOf: Self.resultArrow)
      Self.appendUTF8(result.buffer, to: &out)
    }
    out.append(0x0A)
    drain()
  }

  /// Prints the entry line of the innermost still-open call that has none (the end of input
  /// inside a call).
  mutating func finish() {
    for index in path.indices.reversed() where visible(path[index].depth) { printEntry(index) }
    path = []
    arena = []
    drain(force: true)
  }

  private mutating func printEntry(_ index: Int) {
    guard !path[index].entryPrinted else { return }
    path[index].entryPrinted = true
    indent(path[index].depth)
    out.append(contentsOf: Self.entryArrow)
    out.append(contentsOf: arena[path[index].textStart..<path[index].textEnd])
    out.append(0x0A)
  }

  private mutating func indent(_ depth: Int) {
    out.append(contentsOf: repeatElement(0x20, count: depth * 2))
  }

  private mutating func appendCallText(site id: UInt32, args: TraceStrings?) {
    let site = id < 1 << 16 ? (Int(id) < sites.count ? sites[Int(id)] : nil) : bigSites[id]
    if let site {
      arena.append(contentsOf: site.name)
    } else {
      arena.append(contentsOf: "site#\(id)".utf8)
    }
    arena.append(UInt8(ascii: "("))
    if let args {
      var index = 0
      for value in args {
        if index > 0 { arena.append(contentsOf: [0x2C, 0x20]) }
        if let labels = site?.labels, index < labels.count, labels[index] != [UInt8(ascii: "_")],
          !labels[index].isEmpty
        {
          arena.append(contentsOf: labels[index])
          arena.append(contentsOf: [0x3A, 0x20])
        }
        Self.appendUTF8(value.buffer, to: &arena)
        index += 1
      }
    }
    arena.append(UInt8(ascii: ")"))
  }

  /// ` [S.ffffffs]`: seconds with six decimals, rounded to the microsecond.
  private mutating func appendSeconds(_ nanos: UInt64) {
    let micros = (nanos &+ 500) / 1000
    out.append(contentsOf: [0x20, UInt8(ascii: "[")])
    out.append(contentsOf: String(micros / 1_000_000).utf8)
    out.append(UInt8(ascii: "."))
    var fraction = micros % 1_000_000
    var digits: [UInt8] = [0, 0, 0, 0, 0, 0]
    for i in stride(from: 5, through: 0, by: -1) {
      digits[i] = UInt8(ascii: "0") + UInt8(fraction % 10)
      fraction /= 10
    }
    out.append(contentsOf: digits)
    out.append(contentsOf: [UInt8(ascii: "s"), UInt8(ascii: "]")])
  }

  /// Appends text bytes, replacing invalid UTF-8 with U+FFFD as `String(decoding:)` does.
  private static func appendUTF8(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
    Sanitizer.append(utf8: bytes, to: &buffer)
  }

  private static func utf8(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var result: [UInt8] = []
    appendUTF8(bytes, to: &result)
    return result
  }

  private static let entryArrow = Array("→ ".utf8)
  private static let exitArrow = Array("← ".utf8)
  private static let errorArrow = Array("↯ ".utf8)
  private static let caughtArrow = Array("↯ ".utf8)
  private static let resultArrow = Array(" → ".utf8)
  private static let caughtTag = Array(" [caught]\n".utf8)
  private static let propagatedTag = Array(" [propagated]".utf8)
}
