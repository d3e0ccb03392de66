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
    let collector = self.collector
    if session == nil, printer == nil, sinks.count == 1, let file = sinks[0] as? FileSink {
      // The common recording case: records go straight into the file's encoder, calls and
      // returns through its per-kind methods (no `TraceEvent`s).
      var lostNow: UInt64 = 0
      let written = file.withEncoder { encoder in
        var failed = 0
        collector.direct = encoder
        defer { collector.direct = nil }
        collector.drain(complete: complete) { event in
          if case .loss(let loss) = event { lostNow += loss.count }
          do { try encoder.pointee.encode(event) } catch { failed += 1 }
        }
        return failed + collector.takeDirectFailures()
      }
      if written {
        lost += lostNow
        return
      }
      file.encodeDirect { encode in
        collector.drain(complete: complete) { event in
          if case .loss(let loss) = event { lostNow += loss.count }
          encode(event)
        }
      }
      lost += lostNow
      return
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

  /// Drains every thread and feeds the consumers (`complete: false` reads a bounded amount).
  func drain(complete: Bool = true) {
    let limit = maxValueLength
    consumers.withLock { consumers in
      consumers.collector.maxValueLength = limit
      if consumers.printer == nil, ft_mode_load() & ModeBits.autoPrint != 0 {
        var printer = TreeTextPrinter(
          options: TreeTextOptions(color: colorEnabled(), streaming: false))
        var ignored = ""
        for event in consumers.definitions { printer.consume(event, to: &ignored) }
        consumers.printer = printer
      }
      consumers.drain(complete: complete)
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
  /// Never read. ThreadSanitizer crashes (SEGV in its shadow memory) on an inout access to a
  /// zero-sized value, as `printer!.consume(event, to: &out)` makes; a stored byte avoids it.
  private var sized: UInt8 = 0

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
