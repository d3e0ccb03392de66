import CFlowTraceRuntime
import FlowTraceWire
import Glibc
import Synchronization

/// Where drained events go (guarded by the collector lock).
struct Consumers {
  let collector = Collector()
  /// The running session's events, and the first wire id it owns.
  var session: [TraceEvent]?
  var sessionBase: UInt64 = 1
  /// The autoPrint tree printer.
  var printer: TreeTextPrinter?
  /// File and socket sinks.
  var sinks: [any EventSink] = []
  /// Events the runtime dropped (from loss records).
  var lost: UInt64 = 0

  /// The definitions seen so far (call sites, threads, tasks), for a consumer that joins late.
  var definitions: [TraceEvent] {
    collector.sites.map { .callSite($0) } + collector.threads.map { .thread($0) }
      + collector.tasks.map { .task($0) }
  }

  mutating func drain(complete: Bool = true) {
    if session == nil, printer == nil, sinks.count == 1 {
      // The common cases: one file or one socket, whose encoder takes the records straight
      // (calls and returns through its per-kind methods and plain runs, no `TraceEvent`s).
      if let file = sinks[0] as? FileSink {
        if drainDirect(complete: complete, into: file.withEncoder) { return }
        var lostNow: UInt64 = 0
        let collector = self.collector
        file.encodeDirect { encode in
          collector.drain(complete: complete) { event in
            if case .loss(let loss) = event { lostNow += loss.count }
            encode(event)
          }
        }
        lost += lostNow
        return
      }
      if let socket = sinks[0] as? SocketSink {
        if drainDirect(complete: complete, into: socket.withEncoder) { return }
        // The stream's buffer is full: a partial drain leaves the records to the threads
        // (which drop new calls at the source, counted); a complete one goes through events
        // and the socket's drop filter.
        if !complete { return }
      }
    }
    var emitted: [TraceEvent] = []
    collector.drain(complete: complete) { emitted.append($0) }
    guard !emitted.isEmpty else { return }
    for case .loss(let loss) in emitted { lost += loss.count }
    if session != nil {
      session!.append(contentsOf: emitted)
    }
    if printer != nil {
      // Inside a session only definitions reach the printer (it prints nothing then).
      var out = StandardOutput()
      let printing = session == nil
      for event in emitted where printing || event.isDefinition {
        printer!.consume(event, to: &out)
      }
      if printing {
        printer!.flush(to: &out)
        ft_stdout_flush()
      }
    }
    for sink in sinks { sink.write(emitted) }
  }
}

/// What a sink lends its encoder to: encodes records into it, noting definitions (call sites,
/// threads, tasks) in the array when the sink keeps them; returns how many failed.
typealias DirectBody = (
  _ encoder: UnsafeMutablePointer<TraceEncoder>, _ definitions: UnsafeMutablePointer<[TraceEvent]>?
) -> Int

extension Consumers {
  /// Drains straight into a sink's encoder lent by `lend`; false when the sink declined.
  mutating func drainDirect(
    complete: Bool,
    into lend: (DirectBody) -> Bool
  ) -> Bool {
    let collector = self.collector
    var lostNow: UInt64 = 0
    let written = lend { encoder, definitions in
      var failed = 0
      collector.direct = encoder
      defer { collector.direct = nil }
      collector.drain(complete: complete) { event in
        if case .loss(let loss) = event { lostNow += loss.count }
        if let definitions, event.isDefinition { definitions.pointee.append(event) }
        do { try encoder.pointee.encode(event) } catch { failed += 1 }
      }
      return failed + collector.takeDirectFailures()
    }
    if written { lost += lostNow }
    return written
  }
}

/// Session flags (nil = inherit the configuration's).
struct SessionFlags {
  var showArgs: Bool?
  var showResult: Bool?
  var showTiming: Bool?
}

/// The process-wide runtime: configuration, session and sinks state, and the collector.
final class Runtime: Sendable {
  static let shared = Runtime()

  struct State {
    var configuration = Configuration.fromEnvironment()
    var session: SessionFlags?
    var sinkCount = 0
    var socketOnly = false
    var lastSession: [CallEvent] = []
  }

  let state = Locked(State())
  let consumers = Locked(Consumers())
  let filterGeneration = Atomic<UInt32>(0)
  let environmentRead = Atomic<Bool>(false)
  private let valueLimit = Atomic<Int>(200)

  init() {
    _ = TickClock.shared
    state.withLock { Runtime.publish($0, generation: 0) }
    atexit { Runtime.shared.flushAtExit() }
  }

  var maxValueLength: Int { valueLimit.load(ordering: .relaxed) }
  var configuration: Configuration { state.withLock { $0.configuration } }

  func updateConfiguration(_ change: (inout Configuration) -> Void) {
    state.withLock { state in
      change(&state.configuration)
      valueLimit.store(state.configuration.maxValueLength, ordering: .relaxed)
      // After the change: a thread that sees the new generation reads the new patterns.
      let generation = filterGeneration.add(1, ordering: .releasing).newValue
      Runtime.publish(state, generation: generation)
    }
  }

  /// Recomputes the mode word from the state.
  static func publish(_ state: State, generation: UInt32) {
    let config = state.configuration
    var mode: UInt32 = 0
    var args = config.showArgs
    var result = config.showResult
    var timing = config.showTiming
    if let session = state.session {
      mode |= ModeBits.session
      args = session.showArgs ?? args
      result = session.showResult ?? result
      timing = session.showTiming ?? timing
    } else if config.autoPrint {
      mode |= ModeBits.autoPrint
    }
    if state.sinkCount > 0 {
      mode |= ModeBits.sink
      if state.socketOnly, state.session == nil, !config.autoPrint {
        mode |= ModeBits.dropWhenFull
      }
    }
    if mode != 0 {
      if args { mode |= ModeBits.args }
      if result { mode |= ModeBits.result }
      if timing { mode |= ModeBits.timing }
      if !config.include.isEmpty || !config.exclude.isEmpty { mode |= ModeBits.filter }
    }
    ft_mode_store(mode)
  }

  func republish() {
    let generation = filterGeneration.load(ordering: .relaxed)
    state.withLock { Runtime.publish($0, generation: generation) }
  }

  /// Drains every thread and feeds the consumers (`complete: false` reads a bounded amount);
  /// returns about how many records were read.
  @discardableResult
  func drain(complete: Bool = true) -> Int {
    let limit = maxValueLength
    return consumers.withLock { consumers in
      let before = consumers.collector.recordsRead
      consumers.collector.maxValueLength = limit
      let autoPrint = ft_mode_load() & ModeBits.autoPrint != 0
      if consumers.printer == nil, autoPrint {
        var printer = TreeTextPrinter(
          options: TreeTextOptions(color: colorEnabled(), streaming: false))
        var ignored = ""
        for event in consumers.definitions { printer.consume(event, to: &ignored) }
        consumers.printer = printer
      }
      consumers.drain(complete: complete)
      if consumers.printer != nil, !autoPrint, consumers.session == nil {
        // autoPrint was turned off (a session also clears the bit, but keeps the printer):
        // what the printer holds is printed, and records no longer go through it (a lone
        // file or socket then takes them straight).
        var out = StandardOutput()
        consumers.printer!.finish(to: &out)
        ft_stdout_flush()
        consumers.printer = nil
      }
      return consumers.collector.recordsRead &- before
    }
  }

  /// An outermost call ended while autoPrint is on: print what finished.
  func printFinishedRoots() {
    let recorder = ThreadRecorder.current
    recorder.pointee.suppress += 1
    defer { recorder.pointee.suppress -= 1 }
    drain()
  }

  func colorEnabled() -> Bool {
    switch configuration.color {
    case .always: return true
    case .never: return false
    case .auto: return isatty(1) != 0 && Environment.get("NO_COLOR") == nil
    }
  }

  func flushAtExit() {
    drain()
    consumers.withLock { consumers in
      if consumers.printer != nil {
        var out = StandardOutput()
        consumers.printer!.finish(to: &out)
        ft_stdout_flush()
      }
      for sink in consumers.sinks { sink.close() }
    }
  }
}

/// Standard output as a text stream (the same `FILE*` as `print`).
struct StandardOutput: TextOutputStream {
  /// Gives the value a real address: ThreadSanitizer's check of an `inout` access to a
  /// zero-sized value can fault on the arbitrary address it gets.
  private var storage: UInt8 = 0

  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { ft_stdout_write($0.baseAddress, $0.count) }
  }
}

extension TraceEvent {
  /// True for call-site, thread and task definitions.
  var isDefinition: Bool {
    switch self {
    case .callSite, .thread, .task: return true
    default: return false
    }
  }
}
