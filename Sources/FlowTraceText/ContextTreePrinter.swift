import FlowTraceWire

/// Prints a trace that nests per context (see `NestCheck`: threads and tasks interleave, each
/// nesting on its own) in the tree text format, from the decoder's records into byte buffers:
/// the fast path of `flowtrace print` for multi-threaded programs. Its output equals
/// `TreeTextPrinter`'s fed through `TreeFilter` with the same (streaming) options: the root
/// that starts while no other is open prints as its records arrive; every other root's tree
/// is built in its context's own buffer and printed when the root ends, after the current root
/// (see `ContextTreePrinter+Roots.swift` for the order).
struct ContextTreePrinter: TraceVisitor {
  /// An open call that is shown (hidden calls are only counted in `hidden`).
  struct Frame: BitwiseCopyable {
    var depth: Int
    /// `CollectFlags` raw value.
    var flags: UInt8
    var start: UInt64
    var timed: Bool
    var entryPrinted = false
    /// `name(args)` in the context's `arena[textStart..<textEnd]`.
    var textStart: Int
    var textEnd: Int
    /// The last propagated error's description in `arena[errorStart..<errorEnd]` (-1: none).
    var errorStart = -1
    var errorEnd = -1
    /// The last caught error's description, kept until the call ends in a buffered tree.
    var caughtStart = -1
    var caughtEnd = -1
  }

  /// One thread and task: its open calls and the text of its calls.
  struct Context: BitwiseCopyable {
    /// Every open call, shown or not.
    var ids = RawStack<UInt64>(capacity: 64)
    /// One entry per open call when filtering: true for a hidden call.
    var hidden = RawStack<Bool>(capacity: 64)
    var frames = RawStack<Frame>(capacity: 64)
    var arena = RawBytes(capacity: 1 << 10)
  }

  /// The deepest depth shown + 1 (`Int.max` for no limit).
  let maxDepth: Int
  let pieces: TreeTextPieces
  /// Loss lines are rare: rendered by the general format.
  let format: TreeTextFormat
  var sites: SiteTable
  /// The sorted ids of calls to show (`--errors`), and the next one to look at.
  let errorPath: [UInt64]?
  var errorCursor = 0
  let filtering: Bool
  var index = ContextIndex()
  var contexts = RawStack<Context>(capacity: 8)
  /// `buffers[0]` is the output; `buffers[n + 1]` the tree being built in context `n`.
  var buffers = RawStack<RawBytes>(capacity: 9)
  /// The context of the last call or return.
  var last = 0
  /// The context whose root prints now (-1: none), and whether it prints as it goes (else
  /// it was promoted from `openRoots` and prints when it ends).
  var current = -1
  var currentDirect = false
  /// Contexts whose open root waits for the current one, in order of start, from `openHead`.
  var openRoots: [Int] = []
  var openHead = 0
  /// Trees that ended while the current root was open, in order of end.
  var waiting = RawBytes(capacity: 1 << 12)
  var pendingLoss: UInt64 = 0
  /// Receives each block of text; false stops the printing (a write error).
  let write: (UnsafeRawBufferPointer) -> Bool
  var stopped = false

  init(
    options: TreeTextOptions, selection: TreeTextSelection, errorPath: [UInt64]?,
    write: @escaping (UnsafeRawBufferPointer) -> Bool
  ) {
    maxDepth = options.maxDepth ?? Int.max
    pieces = TreeTextPieces(color: options.color)
    format = TreeTextFormat(color: options.color)
    sites = SiteTable(color: options.color, selection: selection)
    self.errorPath = errorPath
    filtering = !selection.include.isEmpty || !selection.exclude.isEmpty || errorPath != nil
    self.write = write
    buffers.push(RawBytes(capacity: SequenceTreePrinter.block + (1 << 16)))
  }

  /// Frees the buffers (after `finish`).
  func deallocate() {
    pieces.deallocate()
    sites.deallocate()
    for number in 0..<contexts.count {
      let context = contexts.base[number]
      context.ids.deallocate()
      context.hidden.deallocate()
      context.frames.deallocate()
      context.arena.deallocate()
    }
    for number in 0..<buffers.count { buffers.base[number].deallocate() }
    contexts.deallocate()
    buffers.deallocate()
    waiting.deallocate()
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
    let (number, isNew) = index.number(thread: thread, task: task)
    if isNew {
      contexts.push(Context())
      buffers.push(RawBytes(capacity: 1 << 12))
    }
    last = number
    let context = contexts.base + number
    context.pointee.ids.push(id)
    if filtering {
      var shown = sites.isShown(site)
      if let errorPath {
        while errorCursor < errorPath.count, errorPath[errorCursor] < id { errorCursor += 1 }
        shown = shown && errorCursor < errorPath.count && errorPath[errorCursor] == id
      }
      context.pointee.hidden.push(!shown)
      guard shown else { return }
    }
    let depth = context.pointee.frames.count
    if depth == 0 { rootStarted(number) }
    let textStart = context.pointee.arena.count
    if depth < maxDepth {
      if depth > 0 { printEntry(context, depth - 1, to: target(number)) }
      sites.appendCall(
        site: site, args: flags.contains(.args) ? args : nil, to: &context.pointee.arena)
    }
    context.pointee.frames.push(
      Frame(
        depth: depth, flags: flags.rawValue, start: timestamp ?? 0, timed: timestamp != nil,
        textStart: textStart, textEnd: context.pointee.arena.count))
  }

  mutating func visitError(
    id: UInt64, type: TraceBytes, description: TraceBytes, disposition: ErrorDisposition
  ) {
    guard let number = owner(of: id) else { return }
    let context = contexts.base + number
    if filtering, context.pointee.hidden.top ?? true { return }
    guard !context.pointee.frames.isEmpty else { return }
    let top = context.pointee.frames.count - 1
    let frame = context.pointee.frames.base + top
    let depth = frame.pointee.depth
    if disposition == .propagated {
      guard depth < maxDepth else { return }
      frame.pointee.errorStart = context.pointee.arena.count
      context.pointee.arena.appendText(description.buffer)
      frame.pointee.errorEnd = context.pointee.arena.count
      return
    }
    guard depth + 1 < maxDepth else { return }
    if number == current, currentDirect {
      let out = target(number)
      printEntry(context, top, to: out)
      printCaught(context, frame.pointee, to: out, text: description.buffer)
    } else {
      frame.pointee.caughtStart = context.pointee.arena.count
      context.pointee.arena.appendText(description.buffer)
      frame.pointee.caughtEnd = context.pointee.arena.count
    }
  }

  mutating func visitReturn(id: UInt64, timestamp: UInt64?, result: TraceBytes?) {
    guard let number = owner(of: id) else { return }
    last = number
    let context = contexts.base + number
    _ = context.pointee.ids.pop()
    if filtering {
      guard !context.pointee.hidden.isEmpty, !context.pointee.hidden.pop() else { return }
    }
    guard !context.pointee.frames.isEmpty else { return }
    let frame = context.pointee.frames.pop()
    if frame.depth < maxDepth {
      printExit(context, frame, timestamp: timestamp, result: result, to: target(number))
    }
    context.pointee.arena.count = frame.textStart
    if context.pointee.frames.isEmpty { rootEnded(number) }
    if buffers.base[0].count >= SequenceTreePrinter.block { drain() }
  }

  mutating func visitLoss(count: UInt64, thread: UInt32?, parent: UInt64?) {
    pendingLoss &+= count
    if current < 0 {
      flushLoss(depth: 0)
    } else if currentDirect {
      flushLoss(depth: contexts.base[current].frames.count)
    }
  }

  /// The context whose innermost open call is `id` (the last one used first).
  @inline(__always)
  func owner(of id: UInt64) -> Int? {
    if last < contexts.count, contexts.base[last].ids.top == id { return last }
    for number in 0..<contexts.count where contexts.base[number].ids.top == id { return number }
    return nil
  }

  /// Where context `number`'s lines go: the output while its root prints as it goes, else
  /// its own tree buffer.
  @inline(__always)
  func target(_ number: Int) -> UnsafeMutablePointer<RawBytes> {
    buffers.base + (number == current && currentDirect ? 0 : number + 1)
  }
}
