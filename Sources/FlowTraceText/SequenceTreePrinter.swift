import FlowTraceWire

/// Prints a trace that nests as one sequence (see `SequenceCheck`) in the tree text format,
/// straight from the decoder's records into one reusable byte buffer written in 1 MiB blocks:
/// the fast path of `flowtrace print`. Its output equals `TreeTextPrinter`'s fed through
/// `TreeFilter` with the same options (the tests compare them on random traces).
///
/// `ContextTreePrinter` could print these traces too (as one context), but it is 1.25× slower
/// on them (Benchmarks/README.md, print): its open calls and output live behind per-context
/// pointers, and its call and exit paths do not inline into the decoder. So both stay.
struct SequenceTreePrinter: TraceVisitor {
  /// An open call that is shown (hidden calls are only counted in `hidden`).
  struct Frame {
    var depth: Int
    /// `CollectFlags` raw value.
    var flags: UInt8
    var start: UInt64
    var timed: Bool
    var entryPrinted = false
    /// `name(args)` in `arena[textStart..<textEnd]`; a propagated error's description follows
    /// it up to `errorEnd` (-1: none).
    var textStart: Int
    var textEnd: Int
    var errorEnd = -1
  }

  /// The deepest depth shown + 1 (`Int.max` for no limit).
  let maxDepth: Int
  let pieces: TreeTextPieces
  var sites: SiteTable
  /// The sorted ids of calls to show (`--errors`), and the next one to look at.
  let errorPath: [UInt64]?
  var errorCursor = 0
  /// Whether any call may be hidden (then `hidden` tracks every open call).
  let filtering: Bool
  /// One entry per open call when filtering: true for a hidden call.
  var hidden = RawStack<Bool>()
  var path = RawStack<Frame>()
  var arena = RawBytes(capacity: 1 << 12)
  var out = RawBytes(capacity: SequenceTreePrinter.block + (1 << 16))
  /// Receives each block of text; false stops the printing (a write error).
  let write: (UnsafeRawBufferPointer) -> Bool
  private(set) var stopped = false

  static let block = 1 << 20

  init(
    options: TreeTextOptions, selection: TreeTextSelection, errorPath: [UInt64]?,
    write: @escaping (UnsafeRawBufferPointer) -> Bool
  ) {
    maxDepth = options.maxDepth ?? Int.max
    pieces = TreeTextPieces(color: options.color)
    sites = SiteTable(color: options.color, selection: selection)
    self.errorPath = errorPath
    filtering = !selection.include.isEmpty || !selection.exclude.isEmpty || errorPath != nil
    self.write = write
  }

  /// Frees the buffers (after `finish`).
  func deallocate() {
    pieces.deallocate()
    sites.deallocate()
    arena.deallocate()
    out.deallocate()
    path.deallocate()
    hidden.deallocate()
  }

  mutating func visitCallSite(
    id: UInt32, name: TraceBytes, labels: TraceStrings, file: TraceBytes, line: UInt32
  ) {
    sites.define(id: id, name: name, labels: labels)
  }

  mutating func visitCall(
    id: UInt64, parent: UInt64?, site: UInt32, thread: UInt32, task: UInt64,
    flags: CollectFlags, timestamp: UInt64?, args: TraceStrings?
  ) {
    if filtering {
      var shown = sites.isShown(site)
      if let errorPath {
        while errorCursor < errorPath.count, errorPath[errorCursor] < id { errorCursor += 1 }
        shown = shown && errorCursor < errorPath.count && errorPath[errorCursor] == id
      }
      hidden.push(!shown)
      guard shown else { return }
    }
    let depth = path.count
    let textStart = arena.count
    if depth < maxDepth {
      if depth > 0 { printEntry(depth - 1) }
      sites.appendCall(site: site, args: flags.contains(.args) ? args : nil, to: &arena)
    }
    path.push(
      Frame(
        depth: depth, flags: flags.rawValue, start: timestamp ?? 0, timed: timestamp != nil,
        textStart: textStart, textEnd: arena.count))
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    if filtering, hidden.isEmpty || hidden.base[hidden.count - 1] { return }
    guard !path.isEmpty else { return }
    let top = path.count - 1
    let frame = path.base + top
    let depth = frame.pointee.depth
    if disposition == .propagated {
      guard depth < maxDepth else { return }
      arena.count = frame.pointee.textEnd
      arena.appendText(description.buffer)
      frame.pointee.errorEnd = arena.count
      return
    }
    guard depth + 1 < maxDepth else { return }
    printEntry(top)
    out.appendSpaces(2 * depth + 2)
    append(pieces.error)
    out.append(arena, frame.pointee.textStart, frame.pointee.textEnd)
    out.append(0x20)
    append(pieces.errorOpen)
    out.appendText(description.buffer)
    append(pieces.caughtClose)
    out.append(0x0A)
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    if filtering {
      guard !hidden.isEmpty, !hidden.pop() else { return }
    }
    guard !path.isEmpty else { return }
    let frame = path.pop()
    defer { arena.count = frame.textStart }
    guard frame.depth < maxDepth else { return }
    let leaf = !frame.entryPrinted
    out.appendSpaces(2 * frame.depth)
    append(leaf ? pieces.entry : frame.errorEnd >= 0 ? pieces.error : pieces.exit)
    out.append(arena, frame.textStart, frame.textEnd)
    if frame.flags & CollectFlags.timing.rawValue != 0, frame.timed, let end = timestamp {
      append(pieces.durationOpen)
      out.appendSeconds(end >= frame.start ? end - frame.start : 0)
      append(pieces.durationClose)
    }
    if frame.errorEnd >= 0 {
      out.append(0x20)
      if leaf { append(pieces.error) }
      append(pieces.errorOpen)
      out.append(arena, frame.textEnd, frame.errorEnd)
      append(pieces.propagatedClose)
    } else if frame.flags & CollectFlags.result.rawValue != 0, let result {
      append(pieces.resultOpen)
      out.appendText(result.buffer)
      append(pieces.resultClose)
    }
    out.append(0x0A)
    if out.count >= Self.block { drain() }
  }

  /// Prints the entry lines of calls still open at the end of the input, then the rest.
  mutating func finish() {
    for index in stride(from: path.count - 1, through: 0, by: -1)
    where path.base[index].depth < maxDepth {
      printEntry(index)
    }
    path.removeAll()
    drain()
  }

  /// Prints `→ name(args)` of an open call once, when it turns out to have visible children.
  @inline(__always)
  mutating func printEntry(_ index: Int) {
    let frame = path.base + index
    guard !frame.pointee.entryPrinted else { return }
    frame.pointee.entryPrinted = true
    out.appendSpaces(2 * frame.pointee.depth)
    append(pieces.entry)
    out.append(arena, frame.pointee.textStart, frame.pointee.textEnd)
    out.append(0x0A)
  }

  @inline(__always)
  mutating func append(_ piece: TreeTextPieces.Piece) {
    out.append(pieces.bytes, piece.start, piece.end)
  }

  /// Hands the text written so far to `write`.
  mutating func drain() {
    if !stopped, out.count > 0, !write(out.bytes) { stopped = true }
    out.count = 0
  }
}
