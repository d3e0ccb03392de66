import CFlowTraceRuntime
import FlowTraceText
import FlowTraceWire
import Glibc
import Synchronization

/// The process-wide runtime: configuration, session and sinks state, and the collector.
final class Runtime: Sendable {
  static let shared = Runtime()

  struct State {
    var configuration = Configuration.fromEnvironment()
    var session: SessionFlags?
    var sinkCount = 0
    var socketOnly = false
    /// An attached viewer's sink counts in `sinkCount`.
    var attachCounted = false
    /// FlowTraceTracing turns traced calls into spans (`_SpanBridge.setCallHandler`).
    var spansOut = false
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
    ProcessExit.install()  // after: it runs before the flush and gives the end record a status
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
      if state.spansOut { mode |= ModeBits.spans }
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
