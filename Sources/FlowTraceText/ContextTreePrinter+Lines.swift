import FlowTraceWire

extension ContextTreePrinter {
  /// Prints `→ name(args)` of open call `index` once, when it turns out to have visible
  /// children (or a caught error).
  @inline(__always)
  func printEntry(
    _ context: UnsafeMutablePointer<Context>, _ index: Int, to out: UnsafeMutablePointer<RawBytes>
  ) {
    let frame = context.pointee.frames.base + index
    guard !frame.pointee.entryPrinted else { return }
    frame.pointee.entryPrinted = true
    appendEntry(context, frame.pointee, to: out)
  }

  @inline(__always)
  func appendEntry(
    _ context: UnsafeMutablePointer<Context>, _ frame: Frame, to out: UnsafeMutablePointer<RawBytes>
  ) {
    out.pointee.appendSpaces(2 * frame.depth)
    append(pieces.entry, to: out)
    out.pointee.append(context.pointee.arena, frame.textStart, frame.textEnd)
    out.pointee.append(0x0A)
  }

  /// Prints `↯ name(args) ⟨error⟩ (caught)` one level below the call: the description is
  /// `text` from the trace, or else the frame's stored caught error.
  func printCaught(
    _ context: UnsafeMutablePointer<Context>, _ frame: Frame,
    to out: UnsafeMutablePointer<RawBytes>, text: UnsafeRawBufferPointer? = nil
  ) {
    out.pointee.appendSpaces(2 * frame.depth + 2)
    append(pieces.error, to: out)
    out.pointee.append(context.pointee.arena, frame.textStart, frame.textEnd)
    out.pointee.append(0x20)
    append(pieces.errorOpen, to: out)
    if let text {
      out.pointee.appendText(text)
    } else {
      out.pointee.append(context.pointee.arena, frame.caughtStart, frame.caughtEnd)
    }
    append(pieces.caughtClose, to: out)
    out.pointee.append(0x0A)
  }

  /// Prints the end of a call: a caught error kept for a buffered tree, then the exit line
  /// (`← name(args) [t] → result`, the single leaf line, or `↯` for a propagated error).
  func printExit(
    _ context: UnsafeMutablePointer<Context>, _ frame: Frame, timestamp: UInt64?,
    result: TraceBytes?, to out: UnsafeMutablePointer<RawBytes>
  ) {
    var leaf = !frame.entryPrinted
    if frame.caughtStart >= 0 {
      if leaf { appendEntry(context, frame, to: out) }
      leaf = false
      printCaught(context, frame, to: out)
    }
    out.pointee.appendSpaces(2 * frame.depth)
    append(leaf ? pieces.entry : frame.errorEnd >= 0 ? pieces.error : pieces.exit, to: out)
    out.pointee.append(context.pointee.arena, frame.textStart, frame.textEnd)
    if frame.flags & CollectFlags.timing.rawValue != 0, frame.timed, let end = timestamp {
      append(pieces.durationOpen, to: out)
      out.pointee.appendSeconds(end >= frame.start ? end - frame.start : 0)
      append(pieces.durationClose, to: out)
    }
    if frame.errorEnd >= 0 {
      out.pointee.append(0x20)
      if leaf { append(pieces.error, to: out) }
      append(pieces.errorOpen, to: out)
      out.pointee.append(context.pointee.arena, frame.errorStart, frame.errorEnd)
      append(pieces.propagatedClose, to: out)
    } else if frame.flags & CollectFlags.result.rawValue != 0, let result {
      append(pieces.resultOpen, to: out)
      out.pointee.appendText(result.buffer)
      append(pieces.resultClose, to: out)
    }
    out.pointee.append(0x0A)
  }

  /// Prints the ends of a context's open calls at the end of the input, deepest first: a
  /// kept caught error, and the entry line of a call that has printed none.
  func printUnfinished(
    _ context: UnsafeMutablePointer<Context>, to out: UnsafeMutablePointer<RawBytes>
  ) {
    for index in stride(from: context.pointee.frames.count - 1, through: 0, by: -1)
    where context.pointee.frames.base[index].depth < maxDepth {
      if context.pointee.frames.base[index].caughtStart >= 0 {
        printEntry(context, index, to: out)
        printCaught(context, context.pointee.frames.base[index], to: out)
      }
      printEntry(context, index, to: out)
    }
  }

  /// Prints `⋯ N events lost` at `depth` for the losses not printed yet.
  mutating func flushLoss(depth: Int) {
    guard pendingLoss > 0 else { return }
    var line: [UInt8] = []
    format.indent(depth, to: &line)
    format.arrow("⋯", error: true, to: &line)
    format.note(" \(pendingLoss) events lost", to: &line)
    line.append(0x0A)
    buffers.base[0].append(line)
    pendingLoss = 0
  }

  @inline(__always)
  func append(_ piece: TreeTextPieces.Piece, to out: UnsafeMutablePointer<RawBytes>) {
    out.pointee.append(pieces.bytes, piece.start, piece.end)
  }
}
