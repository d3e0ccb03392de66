/// One call as the importer keeps it until the file is read: start and end in ns, its site,
/// and where its arguments and result are kept. 40 bytes, so that millions fit.
struct ChromeSpan {
  var start: Int64
  /// `Int64.max` while a `B` has no `E` (the call is unfinished).
  var end: Int64
  var site: UInt32
  /// Index into the builder's argument lists, -1 without arguments.
  var arguments: Int32
  /// Index into the builder's results, -1 without a result.
  var result: Int32
  /// Order in the file.
  var sequence: UInt32
  /// Byte offset of the event in the file.
  var offset: Int

  static let unfinished = Int64.max

  /// Sort order for nesting: earlier start first; at the same start the longer one (the
  /// outer call) first; then file order.
  static func before(_ a: ChromeSpan, _ b: ChromeSpan) -> Bool {
    if a.start != b.start { return a.start < b.start }
    if a.end != b.end { return a.end > b.end }
    return a.sequence < b.sequence
  }
}

/// One thread of one process of the imported trace.
struct ChromeThread {
  var pid: Int64
  var tid: Int64
  var name: String?
  var spans: [ChromeSpan] = []
  /// Indices into `spans` of `B` events waiting for their `E`.
  var open: [Int] = []
}
