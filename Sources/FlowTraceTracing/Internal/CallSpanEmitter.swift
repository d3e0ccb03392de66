@_spi(Bridge) import FlowTrace
import Synchronization
import Tracing

/// Calls out: turns the traced calls FlowTrace reports into spans on `tracer`.
///
/// A span's parent is the span of the nearest enclosing traced call that has one, else the
/// task's current span (`InstrumentationContext.current`, e.g. the request's server span).
/// Calls left out by the patterns or the sampling keep their parent's context for their
/// children.
final class CallSpanEmitter: _SpanBridge.CallHandler {
  private enum Entry {
    case span(any Tracing.Span)
    case passThrough(InstrumentationContext)

    var context: InstrumentationContext {
      switch self {
      case .span(let span): return span.context
      case .passThrough(let context): return context
      }
    }
  }

  private struct State {
    var open: [UInt64: Entry] = [:]
    var counts: [String: Int] = [:]
    /// The patterns' verdict per function name.
    var admitted: [String: Bool] = [:]
  }

  let tracer: any Tracer
  let options: CallSpans
  private let state = Mutex(State())

  init(tracer: any Tracer, options: CallSpans) {
    self.tracer = tracer
    self.options = options
  }

  func begin(
    call: UInt64, parent: UInt64, name: String, labels: [String], arguments: [String]?,
    file: String, line: UInt32
  ) -> Bool {
    let (parentContext, sampled) = state.withLock { state in
      let context = parent == 0 ? nil : state.open[parent]?.context
      let admitted =
        state.admitted[name]
        ?? {
          let verdict = options.admits(name)
          state.admitted[name] = verdict
          return verdict
        }()
      guard admitted else { return (context, false) }
      switch options.sampling {
      case .all: return (context, true)
      case .every(let n):
        let seen = state.counts[name, default: 0]
        state.counts[name] = seen + 1
        return (context, seen % Swift.max(1, n) == 0)
      case .rate(let p): return (context, Double.random(in: 0..<1) < p)
      }
    }
    guard sampled else {
      // Children of a left-out call take its parent's span; without one, the task's context
      // (which they see themselves).
      guard let parentContext else { return false }
      state.withLock { $0.open[call] = .passThrough(parentContext) }
      return true
    }
    let context = parentContext ?? InstrumentationContext.current ?? .topLevel
    let span = tracer.startSpan(
      name, context: context, ofKind: .internal, at: DefaultTracerClock.now, function: name,
      file: file, line: UInt(line))
    span.updateAttributes { attributes in
      attributes["code.function.name"] = name
      if !file.isEmpty {
        attributes["code.file.path"] = file
        attributes["code.line.number"] = Int(line)
      }
      guard options.arguments, let arguments else { return }
      for (index, value) in arguments.enumerated() {
        let label = index < labels.count && labels[index] != "_" ? labels[index] : String(index)
        attributes["flowtrace.arg." + label] = options.redacts(label) ? "[REDACTED]" : value
      }
    }
    state.withLock { $0.open[call] = .span(span) }
    return true
  }

  func end(call: UInt64, result: String?, error: (type: String, description: String)?) {
    guard case .span(let span) = state.withLock({ $0.open.removeValue(forKey: call) }) else {
      return
    }
    if options.results, let result { span.attributes["flowtrace.result"] = result }
    if let error {
      span.recordError(TracedCallError(type: error.type, description: error.description))
      span.setStatus(SpanStatus(code: .error, message: "\(error.type): \(error.description)"))
    }
    span.end()
  }
}
