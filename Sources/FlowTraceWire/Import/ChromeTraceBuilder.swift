/// Collects the events of a Chrome trace and turns them into FlowTrace events: `pid`s become
/// programs, `tid`s threads, `X` and `B`/`E` calls, `i` zero-length calls, `M` names; `args`
/// become arguments and the result. Nesting comes from time containment per thread, so events
/// may come in any order (viztracer writes a call when it ends); a call that starts inside
/// another and ends after it is an error at its byte offset, never a wrong tree.
public struct ChromeTraceBuilder {
  /// The file name, for errors.
  public let source: String
  var threads: [ChromeThread] = []
  var threadIndex: [ThreadKey: Int] = [:]
  var processNames: [Int64: String] = [:]
  var processOrder: [Int64] = []
  var sites: [CallSite] = []
  var siteIndex: [String: UInt32] = [:]
  /// Every argument value, flat (small strings are stored inline: no allocation per call);
  /// list `i` is `argumentValues[argumentStarts[i]..<argumentStarts[i + 1]]`.
  var argumentValues: [String] = []
  var argumentStarts: [Int] = [0]
  var results: [String] = []
  var sequence: UInt32 = 0
  var earliest = Int64.max
  /// Events of phases the importer does not use (counters, async, flows…), by phase.
  public private(set) var skipped: [Character: Int] = [:]
  /// Calls added so far.
  public private(set) var callCount = 0
  /// Names are demangled when they are Swift symbols (`$s3fib…` → `fib(_:)`).
  public var demangle = true

  struct ThreadKey: Hashable {
    var pid: Int64
    var tid: Int64
  }

  public init(source: String) { self.source = source }

  /// Adds one event (in file order).
  public mutating func add(_ event: ChromeEvent) throws(TraceFormatError) {
    sequence &+= 1
    switch event.phase {
    case UInt8(ascii: "X"):
      let start = try time(event)
      guard let dur = event.dur else { throw fault(event, "an X event without \"dur\"") }
      guard dur >= 0 else { throw fault(event, "an X event with a negative \"dur\"") }
      addSpan(event, start: start, end: start + dur)
    case UInt8(ascii: "B"):
      let start = try time(event)
      let index = addSpan(event, start: start, end: ChromeSpan.unfinished)
      threads[index.thread].open.append(index.span)
    case UInt8(ascii: "E"):
      let end = try time(event)
      let thread = self.thread(event.pid, event.tid)
      guard let open = threads[thread].open.popLast() else {
        throw fault(event, "an E event with no open B event on thread \(event.tid)")
      }
      guard end >= threads[thread].spans[open].start else {
        throw fault(event, "an E event earlier than its B event")
      }
      threads[thread].spans[open].end = end
      if let result = event.result {
        threads[thread].spans[open].result = Int32(results.count)
        results.append(result)
      }
    case UInt8(ascii: "i"), UInt8(ascii: "I"):
      let start = try time(event)
      addSpan(event, start: start, end: start)
    case UInt8(ascii: "M"):
      let name = event.arguments.first { $0.label == "name" }?.value
      if event.name == "process_name", let name {
        processNames[event.pid] = name
        noteProcess(event.pid)
      } else if event.name == "thread_name", let name {
        threads[thread(event.pid, event.tid)].name = name
      }
    default:
      skipped[Character(Unicode.Scalar(event.phase)), default: 0] += 1
    }
  }

  private func time(_ event: ChromeEvent) throws(TraceFormatError) -> Int64 {
    guard let ts = event.ts else {
      let phase = Character(Unicode.Scalar(event.phase))
      throw fault(event, "an event of phase \(phase) without \"ts\"")
    }
    return ts
  }

  @discardableResult
  private mutating func addSpan(
    _ event: ChromeEvent, start: Int64, end: Int64
  ) -> (thread: Int, span: Int) {
    let thread = self.thread(event.pid, event.tid)
    var arguments: Int32 = -1
    if !event.arguments.isEmpty {
      arguments = Int32(argumentStarts.count - 1)
      for argument in event.arguments { argumentValues.append(argument.value) }
      argumentStarts.append(argumentValues.count)
    }
    var result: Int32 = -1
    if let value = event.result {
      result = Int32(results.count)
      results.append(value)
    }
    let span = ChromeSpan(
      start: start, end: end, site: site(event), arguments: arguments, result: result,
      sequence: sequence, offset: event.offset)
    threads[thread].spans.append(span)
    earliest = min(earliest, start)
    callCount += 1
    return (thread, threads[thread].spans.count - 1)
  }

  private mutating func thread(_ pid: Int64, _ tid: Int64) -> Int {
    let key = ThreadKey(pid: pid, tid: tid)
    if let index = threadIndex[key] { return index }
    noteProcess(pid)
    threads.append(ChromeThread(pid: pid, tid: tid))
    threadIndex[key] = threads.count - 1
    return threads.count - 1
  }

  private mutating func noteProcess(_ pid: Int64) {
    if !processOrder.contains(pid) { processOrder.append(pid) }
  }

  /// The site of a name and argument labels, defined once.
  private mutating func site(_ event: ChromeEvent) -> UInt32 {
    var key = event.name
    for argument in event.arguments {
      key.append("\u{0}")
      key.append(argument.label)
    }
    if let id = siteIndex[key] { return id }
    let id = UInt32(sites.count + 1)
    let place = ChromeSiteName(event.name, demangle: demangle)
    sites.append(
      CallSite(
        id: id, qualifiedName: place.name, labels: place.labels(for: event.arguments),
        file: place.file, line: place.line))
    siteIndex[key] = id
    return id
  }

  func fault(_ event: ChromeEvent, _ message: String) -> TraceFormatError {
    TraceFormatError(source: source, offset: event.offset, message: message)
  }
}
