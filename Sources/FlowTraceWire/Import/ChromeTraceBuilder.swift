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
  /// The thread of the last event (most events are on the thread of the one before).
  var lastThread = -1
  var processNames: [Int64: String] = [:]
  var processOrder: [Int64] = []
  var sites: [CallSite] = []
  var siteIndex: [String: UInt32] = [:]
  /// The sites of each name of the reader's name table (by `ChromeEvent.nameID`): found
  /// without hashing the name.
  var sitesByName: [[NamedSite]] = []
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

  struct NamedSite {
    var name: String
    var labels: [String]
    var site: UInt32
  }

  public init(source: String) { self.source = source }

  /// Adds one event (in file order).
  public mutating func add(_ event: ChromeEvent) throws(TraceFormatError) {
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
      endSpan(thread: thread, span: open, end: end, result: event.result)
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
    let site = self.site(of: event)
    var argumentIndex: Int32 = -1
    if !event.arguments.isEmpty {
      argumentIndex = Int32(argumentStarts.count - 1)
      for argument in event.arguments { argumentValues.append(argument.value) }
      argumentStarts.append(argumentValues.count)
    }
    let span = addSpan(
      thread: thread, start: start, end: end, site: site, argumentIndex: argumentIndex,
      result: event.result, offset: event.offset)
    return (thread, span)
  }

  /// The site of an event: through its name's id when it has one (the name is checked too:
  /// the id is only a hint), else by name and labels.
  private mutating func site(of event: ChromeEvent) -> UInt32 {
    let id = Int(event.nameID)
    if id >= 0, id < sitesByName.count {
      for entry in sitesByName[id]
      where entry.name == event.name && entry.labels.count == event.arguments.count
        && zip(entry.labels, event.arguments).allSatisfy({ $0 == $1.label })
      {
        return entry.site
      }
    }
    let labels = event.arguments.map(\.label)
    let site = self.site(name: event.name, labels: labels)
    if id >= 0, id < 1 << 20 {
      if id >= sitesByName.count {
        sitesByName.append(contentsOf: repeatElement([], count: id + 1 - sitesByName.count))
      }
      if sitesByName[id].count < 8 {
        sitesByName[id].append(NamedSite(name: event.name, labels: labels, site: site))
      }
    }
    return site
  }

  /// Adds a call to thread `thread` (an index from `thread(_:_:)`); returns its index there.
  /// `end` is `ChromeSpan.unfinished` for a call still open.
  mutating func addSpan(
    thread: Int, start: Int64, end: Int64, site: UInt32, arguments: [String]?, result: String?,
    offset: Int
  ) -> Int {
    var argumentIndex: Int32 = -1
    if let arguments {
      argumentIndex = Int32(argumentStarts.count - 1)
      argumentValues.append(contentsOf: arguments)
      argumentStarts.append(argumentValues.count)
    }
    return addSpan(
      thread: thread, start: start, end: end, site: site, argumentIndex: argumentIndex,
      result: result, offset: offset)
  }

  /// Adds a call whose arguments are already stored (list `argumentIndex`, -1 for none).
  private mutating func addSpan(
    thread: Int, start: Int64, end: Int64, site: UInt32, argumentIndex: Int32, result: String?,
    offset: Int
  ) -> Int {
    sequence &+= 1
    var resultIndex: Int32 = -1
    if let result {
      resultIndex = Int32(results.count)
      results.append(result)
    }
    let span = ChromeSpan(
      start: start, end: end, site: site, arguments: argumentIndex, result: resultIndex,
      sequence: sequence, offset: offset)
    threads[thread].spans.append(span)
    earliest = min(earliest, start)
    callCount += 1
    return threads[thread].spans.count - 1
  }

  /// Ends open call `span` of thread `thread` at `end`, with its result if it has one.
  mutating func endSpan(thread: Int, span: Int, end: Int64, result: String?) {
    threads[thread].spans[span].end = end
    if let result {
      threads[thread].spans[span].result = Int32(results.count)
      results.append(result)
    }
  }

  /// The index of thread `tid` of process `pid`, added at its first use.
  mutating func thread(_ pid: Int64, _ tid: Int64) -> Int {
    if lastThread >= 0, threads[lastThread].pid == pid, threads[lastThread].tid == tid {
      return lastThread
    }
    let key = ThreadKey(pid: pid, tid: tid)
    if let index = threadIndex[key] {
      lastThread = index
      return index
    }
    noteProcess(pid)
    threads.append(ChromeThread(pid: pid, tid: tid))
    threadIndex[key] = threads.count - 1
    return threads.count - 1
  }

  mutating func noteProcess(_ pid: Int64) {
    if !processOrder.contains(pid) { processOrder.append(pid) }
  }

  /// The site of a name and argument labels, defined once (Swift names demangled).
  mutating func site(name: String, labels: [String]) -> UInt32 {
    var key = name
    for label in labels {
      key.append("\u{0}")
      key.append(label)
    }
    if let id = siteIndex[key] { return id }
    let id = UInt32(sites.count + 1)
    let place = ChromeSiteName(name, demangle: demangle)
    sites.append(
      CallSite(
        id: id, qualifiedName: place.name, labels: place.labels(for: labels),
        file: place.file, line: place.line))
    siteIndex[key] = id
    return id
  }

  func fault(_ event: ChromeEvent, _ message: String) -> TraceFormatError {
    TraceFormatError(source: source, offset: event.offset, message: message)
  }
}
