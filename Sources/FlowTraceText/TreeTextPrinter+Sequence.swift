import FlowTraceWire

extension TreeTextPrinter {
  /// Prints a binary trace that nests per thread and task (what any program records, except
  /// async tasks whose calls nest under another context's call) with every option of
  /// `flowtrace print`, from the decoder's records straight into bytes, handed to `write` in
  /// blocks of about 1 MiB (it returns false to stop, after a write error). The text equals
  /// `TreeTextPrinter`'s fed through `TreeFilter`.
  ///
  /// Returns false, having written nothing, when the trace does not nest so (or has a
  /// bad record that the first pass found): the caller prints it the general way. Throws after
  /// printing the records before a bad record, exactly as the general path prints them.
  public static func printSequence(
    binary bytes: UnsafeRawBufferPointer, source: String = "<trace>",
    options: TreeTextOptions = TreeTextOptions(),
    selection: TreeTextSelection = TreeTextSelection(),
    write: (UnsafeRawBufferPointer) -> Bool
  ) throws(TraceFormatError) -> Bool {
    var errorPath: [UInt64]?
    let nesting = SequenceCheck.nesting(bytes)
    var perContext = nesting == .perContext
    if perContext, !options.streaming { return false }
    if selection.errorsOnly || nesting == .unknown {
      var check = NestCheck(collectErrors: selection.errorsOnly)
      defer { check.deallocate() }
      var decoder = TraceDecoder(source: source)
      guard (try? decoder.decode(bytes, into: &check)) != nil, check.nestsPerContext else {
        return false
      }
      perContext = !check.isSequence
      // Without streaming, interleaved roots print in another order: the general path's.
      if perContext, !options.streaming { return false }
      if selection.errorsOnly { errorPath = check.errorPath.sorted() }
    }
    let failure = withoutActuallyEscaping(write) { write -> TraceFormatError? in
      if perContext {
        var printer = ContextTreePrinter(
          options: options, selection: selection, errorPath: errorPath, write: write)
        defer { printer.deallocate() }
        return decodePrinting(bytes, source: source, into: &printer)
      }
      var printer = SequenceTreePrinter(
        options: options, selection: selection, errorPath: errorPath, write: write)
      defer { printer.deallocate() }
      return decodePrinting(bytes, source: source, into: &printer)
    }
    if let failure { throw failure }
    return true
  }
}

/// A printer that turns decoder records into tree text bytes, flushed by `finish`.
protocol ByteTreePrinter: TraceVisitor {
  /// Prints what is still held (open calls of a cut trace, held-back trees) and flushes.
  mutating func finish()
}

extension SequenceTreePrinter: ByteTreePrinter {}
extension ContextTreePrinter: ByteTreePrinter {}

/// Decodes `bytes` into `printer`, then finishes it; returns the bad record's error, if any
/// (the records before it are printed, as the general path prints them).
private func decodePrinting<Printer: ByteTreePrinter>(
  _ bytes: UnsafeRawBufferPointer, source: String, into printer: inout Printer
) -> TraceFormatError? {
  var decoder = TraceDecoder(source: source)
  var failure: TraceFormatError?
  do throws(TraceFormatError) {
    try decoder.decode(bytes, into: &printer)
  } catch {
    failure = error
  }
  printer.finish()
  return failure
}
