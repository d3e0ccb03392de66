extension TreeTextPrinter {
  /// Prints a binary trace that nests as one sequence (one thread at a time, no losses: what a
  /// single-threaded program records) with every option of `flowtrace print`, from the
  /// decoder's records straight into bytes, handed to `write` in blocks of about 1 MiB (it
  /// returns false to stop, after a write error). The text equals `TreeTextPrinter`'s fed
  /// through `TreeFilter`.
  ///
  /// Returns false, having written nothing, when the trace is not such a sequence (or has a
  /// bad record that the first pass found): the caller prints it the general way. Throws after
  /// printing the records before a bad record, exactly as the general path prints them.
  public static func printSequence(
    binary bytes: UnsafeRawBufferPointer, source: String = "<trace>",
    options: TreeTextOptions = TreeTextOptions(),
    selection: TreeTextSelection = TreeTextSelection(),
    write: (UnsafeRawBufferPointer) -> Bool
  ) throws(TraceFormatError) -> Bool {
    var errorPath: [UInt64]?
    if selection.errorsOnly || !SequenceCheck.framingProvesSequence(bytes) {
      var check = SequenceCheck(collectErrors: selection.errorsOnly)
      defer { check.deallocate() }
      var decoder = TraceDecoder(source: source)
      guard (try? decoder.decode(bytes, into: &check)) != nil, check.isSequence else {
        return false
      }
      if selection.errorsOnly { errorPath = check.errorPath.sorted() }
    }
    let failure = withoutActuallyEscaping(write) { write -> TraceFormatError? in
      var printer = SequenceTreePrinter(
        options: options, selection: selection, errorPath: errorPath, write: write)
      defer { printer.deallocate() }
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
    if let failure { throw failure }
    return true
  }
}
